import datetime

from frontdoor.cases import references, sla

LONDON = sla.LONDON


def test_references_avoid_characters_that_look_or_sound_alike():
    for _ in range(200):
        reference = references.reference_new()
        assert references.reference_looks_valid(reference)
        assert not set(reference) & set("0O1IL2Z5S8BUVAE")
        assert set(reference) <= set(references.ALPHABET + "-")


def test_a_typed_reference_is_forgiven_its_case_and_spacing():
    assert references.reference_normalise(" k7qm 4xtd ") == "K7QM-4XTD"
    assert references.reference_normalise("K7QM–4XTD") == "K7QM-4XTD"


def test_working_days_skip_weekends_and_christmas_bank_holidays():
    # Thursday 24 December 2026: Christmas Day (Fri), the weekend, and Boxing Day's
    # substitute bank holiday (Mon 28th) do not count.
    received = datetime.datetime(2026, 12, 24, 10, 0, tzinfo=LONDON)
    due = sla.due_at(received, 2)
    assert due.date() == datetime.date(2026, 12, 30)
    assert (due.hour, due.minute) == (23, 59)


def test_zero_days_on_a_saturday_means_the_end_of_monday():
    saturday = datetime.datetime(2026, 6, 6, 9, 0, tzinfo=LONDON)
    assert sla.due_at(saturday, 0).date() == datetime.date(2026, 6, 8)


def test_working_days_are_counted_in_london_time_not_utc():
    # 23:30 UTC on Friday 26 June 2026 is already Saturday in London (BST).
    late = datetime.datetime(2026, 6, 26, 23, 30, tzinfo=datetime.UTC)
    assert sla.due_at(late, 1).date() == datetime.date(2026, 6, 29)
