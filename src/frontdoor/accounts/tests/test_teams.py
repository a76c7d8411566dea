import pytest

from frontdoor.accounts import queries, roles, services


def test_a_team_is_defined_once_and_its_members_are_known(db):
    services.team_define(code="waste", name="Waste")
    team = services.team_define(code="waste", name="Waste and recycling")
    officer = services.staff_create(
        username="priya",
        full_name="Priya Shah",
        email="p@example.gov.uk",
        roles=[roles.CASE_OFFICER],
    )
    services.team_member_add(team_code="waste", user=officer)
    assert queries.team_get(code="waste").name == "Waste and recycling"
    assert queries.team_ids_of(user=officer) == frozenset({team.id})
    assert list(queries.team_members(team_id=team.id)) == [officer]


def test_only_staff_join_teams(db, django_user_model):
    services.team_define(code="waste", name="Waste")
    resident = django_user_model.objects.create_user(username="resident")
    with pytest.raises(ValueError, match="not staff"):
        services.team_member_add(team_code="waste", user=resident)
