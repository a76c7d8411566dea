"""Files are encrypted at rest with a key from settings; staff who may see them get them
back as they were sent, and every view is audited."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile

from frontdoor.audit import queries as audit_queries
from frontdoor.cases import services as cases
from frontdoor.cases.tests import factories as case_factories
from frontdoor.privacy import crypto
from frontdoor.privacy.tests import factories

PNG = b"\x89PNG\r\n\x1a\n" + b"tenancy letter of Amara Okonkwo" + b"\x00" * 64


@pytest.fixture
def stored(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    factories.case_type()
    officer = case_factories.officer()
    case = case_factories.case()
    attachment = cases.case_attachment_add(
        user=officer,
        reference=case.reference,
        upload=SimpleUploadedFile("letter.png", PNG, "image/png"),
    )
    return officer, case, attachment, tmp_path


def test_a_file_on_disk_is_ciphertext_not_what_was_sent(stored):
    _, _, attachment, media = stored
    on_disk = (media / attachment.file.name).read_bytes()
    assert b"Amara" not in on_disk and b"PNG" not in on_disk
    assert crypto.looks_encrypted(on_disk)


def test_staff_who_may_see_the_case_get_the_file_back_and_the_view_is_audited(stored, client):
    officer, case, attachment, _ = stored
    client.force_login(officer)
    response = client.get(f"/staff/cases/{case.reference}/files/{attachment.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    assert audit_queries.audit_search(action="case.file_viewed", subject_id=case.reference).exists()


def test_staff_who_may_not_see_the_case_are_refused_the_file(stored, client):
    _, case, attachment, _ = stored
    case_factories.team("highways", "Highways")
    client.force_login(case_factories.officer(teams=("highways",)))
    response = client.get(f"/staff/cases/{case.reference}/files/{attachment.pk}/")
    assert response.status_code in (403, 404)


def test_a_new_key_can_be_added_first_and_old_files_still_open(stored, settings):
    _, _, attachment, _ = stored
    settings.PRIVACY_ENCRYPTION_KEYS = [
        Fernet.generate_key().decode(),
        crypto._derived_key().decode(),
    ]
    with default_storage.open(attachment.file.name) as opened:
        assert opened.read() == PNG


def test_a_file_cannot_be_read_without_its_key(stored, settings):
    _, _, attachment, _ = stored
    settings.PRIVACY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(crypto.CannotDecrypt):
        default_storage.open(attachment.file.name)


def test_a_malformed_key_is_reported_by_the_system_check(settings):
    from frontdoor.privacy import checks

    settings.PRIVACY_ENCRYPTION_KEYS = ["not-a-key"]
    assert [error.id for error in checks.encryption_keys(None)] == ["privacy.E001"]
    settings.PRIVACY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    assert checks.encryption_keys(None) == []
