"""BEY-9 (and ACT-8, BEY-D442): a deviation's attachments go through sesam.lib.attachments —
the activity attachments' checks, no file left without its row, a download with its checked
type that is never sniffed."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from safety import services
from safety.models import DeviationAttachment
from safety.tests.factories import device_of, make_deviation
from sesam.exceptions import SesamError

pytestmark = pytest.mark.django_db
PNG = b"\x89PNG\r\n\x1a\n" + b"0" * 20


def _png(name="bild.png"):
    return SimpleUploadedFile(name, PNG, "image/png")


def test_bey_9_a_file_whose_row_fails_is_removed(prescriber, lund, settings, tmp_path, monkeypatch):
    settings.MEDIA_ROOT = tmp_path
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))

    def refuse(self, *args, **kwargs):
        raise RuntimeError("databasen svarar inte")

    monkeypatch.setattr(DeviationAttachment, "save", refuse)
    with pytest.raises(RuntimeError):
        services.add_deviation_attachment(by=prescriber, deviation=deviation, upload=_png())
    assert not [path for path in tmp_path.rglob("*") if path.is_file()]


def test_bey_9_a_fake_image_is_refused_with_the_activity_message(prescriber, lund):
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber))
    fake = SimpleUploadedFile("bild.png", b"GIF89a", "image/png")
    with pytest.raises(SesamError, match="inte en giltig png"):
        services.add_deviation_attachment(by=prescriber, deviation=deviation, upload=fake)
    assert not deviation.attachments.exists()


def test_bey_9_the_download_is_never_sniffed(client_as, prescriber, lund, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    deviation = make_deviation(prescriber, lund, device_of(lund, prescriber), upload=_png())
    item = deviation.attachments.get()
    response = client_as(prescriber).get(
        reverse("safety:deviation_attachment", args=[deviation.number, item.pk])
    )
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PNG
