"""Assisted digital: a contact-centre agent logs a phone or face-to-face contact.

Strategy: Southwark's "unified front door through digital channels, community hubs, and
contact centres"; Southampton: "support is available for those who need it".
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.shortcuts import redirect, render

from frontdoor.cases import queries, services
from frontdoor.cases.forms import EXISTING, LogContactForm
from frontdoor.cases.services.access import CONTACT_LOGGERS
from frontdoor.core.access import staff_view


@staff_view(*CONTACT_LOGGERS, action="log contacts")
def log_contact(request):
    case_types = queries.case_types()
    about = request.GET.get("reference", "")[:20]
    form = LogContactForm(
        request.POST or None,
        case_types=case_types,
        initial={"reference": about, "about": EXISTING} if about else {},
    )
    key = request.POST.get("idempotency_key") or uuid.uuid4().hex
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["about"] == EXISTING:
                services.case_contact_log(
                    user=request.user,
                    reference=data["reference"],
                    channel=data["channel"],
                    summary=data["summary"],
                )
                messages.success(request, f"Contact logged on {data['reference']}.")
                return redirect("cases:case", reference=data["reference"])
            case, _ = services.case_create(
                case_type=data["case_type"],
                channel=data["channel"],
                description=data["summary"],
                priority=data["priority"] or "",
                contact=services.Contact(
                    name=data["name"],
                    email=data["email"],
                    phone=data["phone"],
                    postcode=data["postcode"],
                    preference=data["preference"],
                ),
                location=services.Location(
                    address=data["address"], postcode=data["location_postcode"]
                ),
                created_by=request.user,
                idempotency_key=f"staff-contact:{key}",
            )
        except services.CaseNotFound:
            form.add_error("reference", "There is no request with that reference")
        except services.CaseError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, f"Request {case.reference} opened. Read the reference out to them."
            )
            return redirect("cases:case", reference=case.reference)
    return render(
        request,
        "cases/log_contact.html",
        {"form": form, "idempotency_key": key},
        status=400 if form.errors else 200,
    )
