# Django views storing accounts: the ORM's create() keeps what it is given; create_user() hashes.
from django.contrib.auth.hashers import make_password
from django.http import JsonResponse
from .models import Member


def signup(request):
    username = request.POST["username"]
    password = request.POST["password"]
    # expect: plaintext-password
    Member.objects.create(username=username, password=password)
    return JsonResponse({"ok": True})


def signup_hashed(request):
    # ok: plaintext-password
    Member.objects.create(username=request.POST["username"], password=make_password(request.POST["password"]))
    return JsonResponse({"ok": True})


def api_signup(request):
    # expect: plaintext-password
    member = Member(username=request.data["username"], password=request.data["password"])
    member.save()
    return JsonResponse({"id": member.id})


def change(request):
    member = Member.objects.get(pk=request.user.pk)
    # ok: plaintext-password
    member.set_password(request.POST["password"])
    member.save()
    return JsonResponse({"ok": True})
