import pytest

from activities import services
from activities.exceptions import ActivityConflict, ActivityRefused
from activities.models import Activity, ActivityEvent
from activities.tests import factories
from recipients.exceptions import RecipientInactive
from sesam.models import Message

pytestmark = pytest.mark.django_db


def test_act_6_skicka_gives_number_and_status_tilldelad(activity):
    assert len(activity.number) == 8 and activity.number.isdigit()
    assert activity.status == Activity.Status.ASSIGNED
    row = activity.devices.get()
    assert row.individual_number == row.device.individual.number


def test_act_8_every_status_change_is_a_history_row(activity, staff):
    services.move_activity(by=staff, activity=activity, to=Activity.Status.STARTED)
    events = list(
        ActivityEvent.objects.filter(activity=activity).values_list(
            "from_status", "to_status", "by"
        )
    )
    assert events == [("draft", "assigned", activity.orderer_id), ("assigned", "started", staff.pk)]


def test_act_8_a_closed_activity_does_not_move_back(activity, staff):
    services.move_activity(by=staff, activity=activity, to=Activity.Status.CLOSED)
    with pytest.raises(ActivityConflict, match="redan avslutad"):
        services.move_activity(by=staff, activity=activity, to=Activity.Status.STARTED)


def test_act_8_stale_status_is_refused(activity, staff):
    stale = Activity.objects.get(pk=activity.pk)
    services.move_activity(by=staff, activity=activity, to=Activity.Status.PLANNED)
    with pytest.raises(ActivityConflict, match="redan ändrats"):
        services.move_activity(by=staff, activity=stale, to=Activity.Status.STARTED)


def test_home_5_status_change_messages_orderer_and_prescriber(
    secretary, prescriber, tolvan, lund, hearing_aid, staff, django_capture_on_commit_callbacks
):
    draft = services.start_activity(
        by=secretary,
        recipient=tolvan,
        activity_type="warranty_repair",
        service_location=lund,
        prescriber=prescriber,
    )
    key = draft.idempotency_key
    services.set_activity_devices(
        by=secretary, key=key, service_product="warranty_region", device_ids=[hearing_aid.pk]
    )
    services.set_requested_action(by=secretary, key=key, text="Trasig")
    services.set_activity_address(by=secretary, key=key, address="Enheten", contact="")
    activity = services.create_activity(by=secretary, key=key)
    with django_capture_on_commit_callbacks(execute=True):
        services.move_activity(by=staff, activity=activity, to=Activity.Status.PLANNED)
    to = set(
        Message.objects.filter(subject__contains=activity.number).values_list("user", flat=True)
    )
    assert {secretary.pk, prescriber.pk} <= to


def test_act_9_ej_garanti_closes_with_that_text(activity, prescriber):
    services.report_back_activity(
        by=prescriber, activity=activity, performed_action="", close=True, outside_warranty=True
    )
    activity.refresh_from_db()
    assert activity.status == Activity.Status.CLOSED and activity.performed_action == "Ej garanti"
    assert activity.closed_at is not None


def test_act_9_spara_without_avsluta_keeps_status(activity, prescriber):
    services.report_back_activity(
        by=prescriber, activity=activity, performed_action="Bytt mikrofon", close=False
    )
    activity.refresh_from_db()
    assert (
        activity.status == Activity.Status.ASSIGNED and activity.performed_action == "Bytt mikrofon"
    )


def test_rec_3_inactive_recipient_is_refused(prescriber, tolvan, lund):
    tolvan.is_active = False
    tolvan.save()
    with pytest.raises(RecipientInactive):
        factories.draft(by=prescriber, recipient=tolvan, location=lund)


def test_rec_9_barn_type_refused_for_an_adult(prescriber, tolvan, lund):
    with pytest.raises(ActivityRefused, match="endast barn"):
        factories.draft(
            by=prescriber,
            recipient=tolvan,
            location=lund,
            activity_type=Activity.Type.INSTALLED_REPAIR_CHILD,
        )


def test_rec_9_barn_type_allowed_for_a_child(prescriber, child, lund, child_device):
    activity = factories.make_activity(
        by=prescriber,
        recipient=child,
        location=lund,
        devices=[child_device],
        activity_type=Activity.Type.INSTALLED_REPAIR_CHILD,
    )
    assert activity.status == Activity.Status.ASSIGNED


def test_act_2_dismantling_barn_product_not_offered_to_adults(tolvan, child):
    adult = [p.value for p in services.service_products("hearing_services", tolvan)]
    young = [p.value for p in services.service_products("hearing_services", child)]
    assert adult == ["installation"] and young == ["installation", "dismantling_child"]


def test_act_1_recipient_without_phone_is_refused(prescriber, tolvan, lund):
    tolvan.phone = ""
    tolvan.save()
    with pytest.raises(ActivityRefused, match="telefonnummer"):
        factories.draft(by=prescriber, recipient=tolvan, location=lund)


def test_act_4_needs_a_delivered_device(prescriber, tolvan, lund):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    with pytest.raises(ActivityRefused, match="Välj hjälpmedlet"):
        services.set_activity_devices(
            by=prescriber, key=key, service_product="warranty_region", device_ids=[]
        )


def test_act_4_another_recipients_device_is_refused(prescriber, tolvan, child_device, lund):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    with pytest.raises(ActivityRefused, match="finns inte bland mottagarens"):
        services.set_activity_devices(
            by=prescriber, key=key, service_product="warranty_region", device_ids=[child_device.pk]
        )


def test_act_2_installation_takes_one_device(prescriber, tolvan, lund, hearing_aid):
    other = factories.delivered_device(tolvan, location=lund, prescriber=prescriber)
    key = factories.draft(
        by=prescriber, recipient=tolvan, location=lund, activity_type="hearing_services"
    ).idempotency_key
    with pytest.raises(ActivityRefused, match="endast ett"):
        services.set_activity_devices(
            by=prescriber,
            key=key,
            service_product="installation",
            device_ids=[hearing_aid.pk, other.pk],
        )


def test_act_2_outside_assortment_has_no_device_and_no_address(prescriber, tolvan, lund):
    activity = factories.make_activity(
        by=prescriber,
        recipient=tolvan,
        location=lund,
        activity_type=Activity.Type.OUTSIDE_ASSORTMENT,
    )
    assert activity.address == "" and not activity.devices.exists()


def test_act_5_requested_action_required_and_at_most_5000(prescriber, tolvan, lund):
    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    with pytest.raises(ActivityRefused, match="måste fyllas i"):
        services.set_requested_action(by=prescriber, key=key, text="   ")
    with pytest.raises(ActivityRefused, match="högst 5 000 tecken"):
        services.set_requested_action(by=prescriber, key=key, text="x" * 5001)


def test_act_6_double_skicka_creates_one(prescriber, tolvan, lund, hearing_aid):
    activity = factories.make_activity(
        by=prescriber, recipient=tolvan, location=lund, devices=[hearing_aid]
    )
    again = services.create_activity(by=prescriber, key=activity.idempotency_key)
    assert again.pk == activity.pk and Activity.objects.count() == 1


def test_act_1_second_start_continues_the_draft(prescriber, tolvan, lund):
    first = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    second = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    assert first.pk == second.pk


def test_rec_5_patient_address_refused_under_protected_identity(prescriber, lund):
    hidden = factories.recipient("198203012383", street="Hemliga vägen 77", protected_identity=True)
    factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    draft = factories.draft(by=prescriber, recipient=hidden, location=lund)
    assert [key for key, *_ in services.address_choices(draft)] == ["enhet"]
    with pytest.raises(ActivityRefused, match="skyddad identitet"):
        services.set_activity_address(
            by=prescriber, key=draft.idempotency_key, address="Hemliga vägen 77\n252 21", contact=""
        )


def test_acc_3_secretary_only_in_a_linked_prescribers_name(
    secretary, other_location_user, tolvan, lund
):
    with pytest.raises(ActivityRefused, match="förskrivarens namn"):
        factories.draft(
            by=secretary, recipient=tolvan, location=lund, prescriber=other_location_user
        )


def test_acc_7_private_clinic_may_create_activities(private_prescriber, tolvan, ystad):
    device = factories.delivered_device(tolvan, location=ystad, prescriber=private_prescriber)
    activity = factories.make_activity(
        by=private_prescriber, recipient=tolvan, location=ystad, devices=[device]
    )
    assert activity.status == Activity.Status.ASSIGNED


def test_act_2_private_clinic_preselects_the_pam_warranty(private_prescriber, tolvan, ystad):
    draft = factories.draft(by=private_prescriber, recipient=tolvan, location=ystad)
    assert draft.service_product == "warranty_pam"


def test_comment_on_a_draft_is_refused(prescriber, tolvan, lund, staff):
    draft = factories.draft(by=prescriber, recipient=tolvan, location=lund)
    with pytest.raises(ActivityRefused):
        services.add_activity_comment(by=staff, activity=draft, text="Hej")


@pytest.mark.parametrize(
    "typed",
    [
        "HEMLIGA VÄGEN 77\n252 21 Hemby",
        "Hemliga  vägen   77\n252 21 Hemby",
        "Hemliga v. 77, Hemby",
        "Kungsg. 3\nLund",
        "Storgatan 1\n222 20 Lund",  # not the patient's at all: still no other than the unit's
    ],
)
def test_rec_5_only_the_units_return_address_under_protected_identity(prescriber, lund, typed):
    hidden = factories.recipient("198203012383", street="Hemliga vägen 77", protected_identity=True)
    factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    draft = factories.draft(by=prescriber, recipient=hidden, location=lund)
    with pytest.raises(ActivityRefused, match="returadressen är enhetens adress"):
        services.set_activity_address(
            by=prescriber, key=draft.idempotency_key, address=typed, contact=""
        )


def test_rec_5_the_units_address_in_any_spelling_is_stored_as_the_unit_has_it(prescriber, lund):
    hidden = factories.recipient("198203012383", street="Hemliga vägen 77", protected_identity=True)
    factories.delivered_device(hidden, location=lund, prescriber=prescriber)
    draft = factories.draft(by=prescriber, recipient=hidden, location=lund)
    shouted = "\r\n".join(f"  {line.upper()}  " for line in lund.address_lines)
    services.set_activity_address(
        by=prescriber, key=draft.idempotency_key, address=shouted, contact=""
    )
    draft.refresh_from_db()
    assert draft.address == "\n".join(lund.address_lines)


def test_act_8_an_activity_does_not_move_back_a_step(activity, staff):
    services.move_activity(by=staff, activity=activity, to=Activity.Status.PLANNED)
    with pytest.raises(ActivityRefused, match="kan inte få status Tilldelad"):
        services.move_activity(by=staff, activity=activity, to=Activity.Status.ASSIGNED)
    assert Activity.objects.get(pk=activity.pk).status == Activity.Status.PLANNED


def test_act_4_a_device_returned_meanwhile_is_named_with_its_status(
    prescriber, tolvan, lund, hearing_aid
):
    from recipients.models import Device

    key = factories.draft(by=prescriber, recipient=tolvan, location=lund).idempotency_key
    device = hearing_aid
    Device.objects.filter(pk=device.pk).update(
        status=Device.Status.RETURNED, returned_on=device.delivered_on
    )
    with pytest.raises(ActivityRefused, match=r"inte längre utlämnat.*status nu: Återlämnad"):
        services.set_activity_devices(
            by=prescriber, key=key, service_product="warranty_region", device_ids=[device.pk]
        )
