from django.urls import path

from frontdoor.accounts.views import staff as views

app_name = "accounts"

urlpatterns = [
    path("", views.staff_home, name="staff-home"),
    path("sign-in/", views.StaffSignIn.as_view(), name="staff-sign-in"),
    path("sign-in/code/", views.staff_two_factor, name="staff-two-factor"),
    path("sign-in/set-up/", views.staff_two_factor_set_up, name="staff-two-factor-set-up"),
    path("sign-out/", views.staff_sign_out, name="staff-sign-out"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("people/", views.staff_people, name="staff-people"),
]
