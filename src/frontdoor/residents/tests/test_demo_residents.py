"""The demo council's resident records: near-duplicates merged or waiting for review."""

from frontdoor.demo import services as demo
from frontdoor.residents import queries
from frontdoor.residents.models import Link, MatchPair, SourceRecord


def test_the_demo_has_a_review_queue_with_amara_and_her_cases_linked(db):
    demo.demo_load()
    waiting = queries.review_queue()
    assert waiting.exists()
    assert any("okonkwo" in (p.record_l.surname + p.record_r.surname).lower() for p in waiting), (
        "Amara's moved-house record should wait for review"
    )
    assert MatchPair.objects.filter(status=MatchPair.AUTO_MERGED).exists()
    amara = SourceRecord.objects.get(source_id="CT-100231").resident
    assert set(amara.records.values_list("source_id", flat=True)) >= {"CT-100231", "HSG-55810"}
    assert queries.links_of(resident=amara, kind=Link.CASE).exists()  # her cases followed
    assert Link.objects.filter(kind=Link.CASE).count() > 0
    assert queries.model_current().version == 1
