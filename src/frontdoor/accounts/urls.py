from django.urls import path

from frontdoor.accounts import views

app_name = "accounts"

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("sign-in/", views.StaffSignIn.as_view(), name="staff-sign-in"),
    path("sign-out/", views.staff_sign_out, name="staff-sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
]
