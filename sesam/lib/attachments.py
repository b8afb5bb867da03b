"""The one shape of an attachment (ACT-8 technicians' files on an activity, BEY-9 photos and
documents of a deviation): its row, its checks, its storing and its download. Each app's
attachment subclasses `Attachment` with the foreign key to what it belongs to and its own
`file` field (its folder under MEDIA_ROOT); files are never served from MEDIA_URL, only by
a view that has checked who may see them (`attachment_response`)."""

from django.conf import settings
from django.db import models, transaction
from django.http import FileResponse
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from sesam.exceptions import SesamError

MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
# Allowed attachments: extension → (content type, the file's first bytes).
ATTACHMENT_TYPES = {
    "pdf": ("application/pdf", b"%PDF"),
    "jpg": ("image/jpeg", b"\xff\xd8\xff"),
    "jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    "png": ("image/png", b"\x89PNG\r\n\x1a\n"),
}


class AttachmentRefused(SesamError):
    """The file is not one the portal keeps (type, size, content); the message says why."""


class Attachment(models.Model):
    file = models.FileField(gettext_lazy("fil"))  # each subclass names its folder
    name = models.CharField(gettext_lazy("filnamn"), max_length=200)
    content_type = models.CharField(gettext_lazy("filtyp"), max_length=40)
    size = models.PositiveIntegerField(gettext_lazy("storlek"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=gettext_lazy("av"),
    )
    at = models.DateTimeField(gettext_lazy("när"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
        verbose_name = gettext_lazy("bilaga")
        verbose_name_plural = gettext_lazy("bilagor")

    def __str__(self):
        return self.name


def check_attachment(upload) -> tuple[str, str]:
    """The checks (pdf, jpg, png by extension and first bytes; at most 10 MB): returns its
    stored name (a valid file name of at most 200 characters, extension kept) and content
    type, or raises AttachmentRefused. A form may call it before anything is saved."""
    name = get_valid_filename(upload.name or "bilaga")
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_TYPES:
        raise AttachmentRefused(_("Bilagan ska vara en pdf, jpg eller png."))
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise AttachmentRefused(_("Bilagan får vara högst 10 MB."))
    content_type, magic = ATTACHMENT_TYPES[extension]
    upload.seek(0)
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise AttachmentRefused(_("Filen är inte en giltig %(type)s.") % {"type": extension})
    limit = Attachment._meta.get_field("name").max_length
    if len(name) > limit:  # a long name is shortened, its extension kept
        name = f"{name[: limit - len(extension) - 1]}.{extension}"
    return name, content_type


def store_attachment(attachment: Attachment, upload) -> Attachment:
    """Checks the upload, fills the row's name, type and size, writes the file through
    Django's storage API and then saves the row; the file is removed again when the row
    cannot be saved (no file without a row)."""
    attachment.name, attachment.content_type = check_attachment(upload)
    attachment.size = upload.size
    attachment.file.save(attachment.name, upload, save=False)
    try:
        with transaction.atomic():
            attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment


def attachment_response(item: Attachment) -> FileResponse:
    """The download, after the caller has checked who may see it: its checked content type,
    never sniffed; a PDF opens in the browser, an image is downloaded."""
    response = FileResponse(
        item.file.open("rb"),
        content_type=item.content_type,
        filename=item.name,
        as_attachment=item.content_type != "application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
