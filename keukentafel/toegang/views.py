from django.shortcuts import render


def werkvoorraad(request):
    return render(request, "toegang/werkvoorraad.html", {})
