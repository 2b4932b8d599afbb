"""Upload size limit enforced while the request body is parsed, before anything reaches memory or disk."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile


class Uploadlimiet(FileUploadHandler):
    """First upload handler: drops a file that grows beyond settings.MAX_UPLOAD_BYTES and flags the request.

    The rest of the file's data is read and discarded (no temp file fills the disk); the view shows a Dutch
    message when it sees `request.upload_te_groot`. Limit the body at the reverse proxy as well.
    """

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.gelezen = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.gelezen += len(raw_data)
        if self.gelezen > settings.MAX_UPLOAD_BYTES:
            self.request.upload_te_groot = True
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None
