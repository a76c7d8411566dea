"""A data officer sets retention periods and legal holds; bad input changes nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontdoor.audit import queries as audit_queries
from frontdoor.cases.tests import factories as case_factories
from frontdoor.privacy import services
from frontdoor.privacy.models import LegalHold, RetentionRule
from frontdoor.privacy.tests import factories


@pytest.fixture
def officer(db):
    factories.case_type()
    return factories.data_officer()


def test_a_data_officer_sets_a_two_year_rule_for_a_case_type(officer):
    rule = services.retention_rule_set(
        actor=officer, kind="case", case_type="missed-bin", months=24
    )
    assert (rule.kind, rule.case_type_code, rule.months) == ("case", "missed-bin", 24)
    assert audit_queries.audit_search(action="privacy.rule_set").count() == 1


def test_setting_the_rule_again_changes_it_rather_than_adding_another(officer):
    services.retention_rule_set(actor=officer, kind="case", case_type="missed-bin", months=24)
    services.retention_rule_set(actor=officer, kind="case", case_type="missed-bin", months=36)
    assert list(RetentionRule.objects.values_list("months", flat=True)) == [36]


@pytest.mark.parametrize("months", [0, -1, -24])
def test_a_period_of_zero_or_less_is_refused_and_nothing_is_saved(officer, months):
    with pytest.raises(ValidationError) as refused:
        services.retention_rule_set(
            actor=officer, kind="case", case_type="missed-bin", months=months
        )
    assert refused.value.message_dict["period"] == ["The retention period must be at least 1 month"]
    assert not RetentionRule.objects.exists()


def test_an_unknown_case_type_or_kind_is_refused(officer):
    with pytest.raises(ValidationError):
        services.retention_rule_set(actor=officer, kind="case", case_type="no-such", months=12)
    with pytest.raises(ValidationError):
        services.retention_rule_set(actor=officer, kind="draft", months=12)
    assert not RetentionRule.objects.exists()


def test_only_a_data_officer_may_set_rules_or_holds(officer):
    agent = case_factories.agent()
    with pytest.raises(PermissionDenied):
        services.retention_rule_set(actor=agent, kind="case", months=12)
    with pytest.raises(PermissionDenied):
        services.legal_hold_place(
            actor=agent, target_type="resident", target="a@example.com", reason="Claim"
        )


def test_a_hold_on_a_case_needs_a_real_reference_and_a_reason(officer):
    case = factories.open_case()
    with pytest.raises(ValidationError) as refused:
        services.legal_hold_place(actor=officer, target_type="case", target="XXXX-XXXX", reason="")
    assert set(refused.value.message_dict) == {"target", "reason"}
    hold = services.legal_hold_place(
        actor=officer, target_type="case", target=case.reference.lower(), reason="Insurance claim"
    )
    assert hold.target == case.reference


def test_releasing_a_hold_without_a_reason_is_refused_and_it_stays_in_force(officer):
    hold = services.legal_hold_place(
        actor=officer, target_type="resident", target="Amara@Example.com", reason="Tribunal"
    )
    assert hold.target == "amara@example.com"
    with pytest.raises(ValidationError) as refused:
        services.legal_hold_release(actor=officer, hold_id=hold.pk, reason="  ")
    assert refused.value.message_dict["reason"] == ["Enter why the hold can be released"]
    assert LegalHold.objects.get(pk=hold.pk).released_at is None
    services.legal_hold_release(actor=officer, hold_id=hold.pk, reason="Tribunal decided")
    assert LegalHold.objects.get(pk=hold.pk).release_reason == "Tribunal decided"
