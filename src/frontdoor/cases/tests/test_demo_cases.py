from frontdoor.cases import queries
from frontdoor.cases.models import Case
from frontdoor.demo import services as demo


def test_the_demo_has_a_case_in_every_state_of_every_case_type_with_a_timeline(db):
    demo.demo_load()
    for case_type in queries.case_types():
        states = {s.code for s in queries.definition_of_type(case_type=case_type).states}
        found = set(Case.objects.filter(case_type=case_type).values_list("status", flat=True))
        assert found == states, case_type.code
    closed = Case.objects.filter(closed=True).first()
    assert [e.kind for e in queries.case_timeline(case=closed)][0] == "created"
    assert closed.events.filter(kind="status").exists()
