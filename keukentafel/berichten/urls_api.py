"""HTTP exchange with providers: one endpoint per message type, token auth."""

app_name = "berichten_api"
urlpatterns: list = []
