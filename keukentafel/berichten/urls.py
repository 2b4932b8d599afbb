"""Staff pages of the message exchange: messages, verzoeken (315/317) and declaraties (323)."""

from .urls_berichten import urlpatterns as berichten
from .urls_declaraties import urlpatterns as declaraties
from .urls_verzoeken import urlpatterns as verzoeken

app_name = "berichten"
urlpatterns = [*berichten, *verzoeken, *declaraties]
