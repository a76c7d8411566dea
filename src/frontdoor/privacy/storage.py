"""The default file storage, encrypting every file at rest.

Strategy: "sensitive data is digitally protected and safely handled". Every file a
resident or member of staff uploads (case files, form uploads) goes through Django's
default storage, so setting this as STORAGES["default"] encrypts them all with no change
to the apps that store them. Opening a file decrypts it; who may open it, and the audit
entry for each view, stay with the app that owns the file. Files stored before
encryption was turned on are read as they are.
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from frontdoor.privacy import crypto


class EncryptedFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        content.seek(0) if hasattr(content, "seek") else None
        return super()._save(name, ContentFile(crypto.encrypt(content.read())))

    def _open(self, name, mode="rb"):
        with super()._open(name, "rb") as stored:
            data = stored.read()
        if crypto.looks_encrypted(data):
            data = crypto.decrypt(data)
        opened = ContentFile(data, name=name)
        opened.mode = mode
        return opened

    def size(self, name):
        with self._open(name) as opened:
            return opened.size
