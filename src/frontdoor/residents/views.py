"""Data officers' pages (review queue, a pair side by side, a resident, undo) and the
agents' "find a resident". Thin: each view parses a form, calls one service or query.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.accounts import roles
from frontdoor.core.access import staff_view
from frontdoor.residents import queries, services, tasks
from frontdoor.residents.forms import DecisionForm, FindForm, ImportForm, SearchForm

OFFICERS = (roles.DATA_OFFICER, roles.ADMINISTRATOR)
FINDERS = (roles.AGENT, *OFFICERS)
FIELDS = [
    ("Source", "source"),
    ("First name", "first_name"),
    ("Last name", "surname"),
    ("Date of birth", "dob"),
    ("Address", "address_line"),
    ("Town", "town"),
    ("Postcode", "postcode"),
    ("Email", "email"),
    ("Phone", "phone"),
]


def _or_404(gate, **arguments):
    try:
        return gate(**arguments)
    except services.ResidentNotFound:
        raise Http404("No such record") from None


@staff_view(*OFFICERS, action="review possible duplicate records")
def queue(request):
    form = SearchForm(request.GET or None)
    text = form.cleaned_data["q"] if form.is_bound and form.is_valid() else ""
    page = Paginator(queries.review_queue(), 25).get_page(request.GET.get("page"))
    return render(
        request,
        "residents/queue.html",
        {
            "page_obj": page,
            "counts": queries.queue_counts(),
            "model": queries.model_current(),
            "merges": queries.merges_recent(limit=10),
            "form": form,
            "found": list(queries.resident_search(text=text)) if text else None,
            "auto_merge_from": services.auto_merge_from(),
            "review_from": services.review_from(),
        },
    )


@require_POST
@staff_view(*OFFICERS, action="run record linkage")
def run(request):
    tasks.link_new_records.enqueue()
    messages.success(request, "Linkage is running over records not linked before.")
    return redirect("residents:queue")


def _record_values(record) -> dict:
    return {
        "source": f"{record.source_system} {record.source_id}",
        "first_name": record.first_name,
        "surname": record.surname,
        "dob": record.dob.strftime("%-d %B %Y") if record.dob else "",
        "address_line": record.address_line,
        "town": record.town,
        "postcode": record.postcode,
        "email": record.email,
        "phone": record.phone,
    }


@staff_view(*OFFICERS, action="review possible duplicate records")
def pair(request, pair_id: int):
    found = _or_404(services.pair_access, user=request.user, pair_id=pair_id)
    form = DecisionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        decision = form.cleaned_data["decision"]
        try:
            merge = services.pair_decide(
                user=request.user,
                pair_id=pair_id,
                same=decision != "different",
                keep=decision if decision != "different" else "left",
            )
        except services.ResidentError as refused:
            form.add_error(None, refused.message)
        else:
            if merge is None:
                messages.success(request, "Marked as not the same person.")
                return redirect("residents:queue")
            messages.success(request, f"Merged into {merge.survivor}. You can undo this below.")
            return redirect("residents:resident", resident_id=merge.survivor_id)
    left, right = _record_values(found.record_l), _record_values(found.record_r)
    rows = [(label, left[key], right[key], left[key] == right[key]) for label, key in FIELDS]
    return render(
        request,
        "residents/pair.html",
        {"pair": found, "rows": rows, "form": form, "weights": found.fields},
    )


@staff_view(*FINDERS, action="see resident records")
def resident(request, resident_id: int):
    person = _or_404(services.resident_access, user=request.user, resident_id=resident_id)
    current = queries.resident_current(person)
    return render(
        request,
        "residents/resident.html",
        {
            "resident": person,
            "current": current,
            "records": person.records.order_by("source_system", "source_id"),
            "cases": queries.links_of(resident=person, kind="case"),
            "accounts": queries.links_of(resident=person, kind="account"),
            "merges": queries.merges_of(resident=person),
            "may_undo": request.user.groups.filter(name__in=OFFICERS).exists(),
        },
    )


@staff_view(*OFFICERS, action="undo a merge")
def undo(request, merge_id: int):
    merge = _or_404(services.merge_access, user=request.user, merge_id=merge_id)
    error = ""
    if request.method == "POST":
        try:
            services.merge_undo(user=request.user, merge_id=merge_id)
        except services.ResidentError as refused:
            error = refused.message
        else:
            messages.success(request, f"Merge undone: {merge.merged} has their own record again.")
            return redirect("residents:resident", resident_id=merge.survivor_id)
    return render(request, "residents/undo.html", {"merge": merge, "error": error})


@staff_view(*FINDERS, action="look for a resident's records")
def find(request):
    form = FindForm(request.GET or None)
    matches = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        person = {k: data.get(k) or "" for k in ("first_name", "surname", "email", "phone")}
        person["dob"] = data["dob"].isoformat() if data.get("dob") else ""
        try:
            person["postcode"] = services.postcode_clean(data.get("postcode") or "")
        except services.ResidentError as refused:
            form.add_error("postcode", refused.message)
        else:
            matches = services.possible_matches(user=request.user, person=person)
    return render(
        request,
        "residents/find.html",
        {"form": form, "matches": matches},
    )


@staff_view(*OFFICERS, action="import resident records")
def import_records(request):
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        fields=services.IMPORT_FIELDS,
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        report = services.records_import(
            user=request.user,
            data=upload.read(services.IMPORT_MAX_BYTES + 1),
            source_system=form.cleaned_data["source_system"],
            mapping=form.mapping(),
        )
        if report.ok:
            messages.success(
                request,
                f"{report.created} record{'' if report.created == 1 else 's'} imported "
                f"({report.already_held} already held). "
                "They are being linked now.",
            )
            return redirect("residents:queue")
    return render(request, "residents/import.html", {"form": form, "report": report})
