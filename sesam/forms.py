from django import forms
from django.contrib.auth.forms import AuthenticationForm, UsernameField
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sesam.models import User
from sesam.services import deactivate_if_dormant


class LoginForm(AuthenticationForm):
    username = UsernameField(
        label=_("RS-id"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    password = forms.CharField(
        label=_("Lösenord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _("Fel RS-id eller lösenord. Kontrollera och försök igen."),
        "inactive": _("Kontot är inte aktivt. Kontakta Hjälpmedel för att aktivera det."),
        "dormant": _(
            "Kontot har inte använts på sex månader och har därför inaktiverats. "
            "Kontakta Hjälpmedel för att aktivera det igen."
        ),
    }

    def clean(self):
        try:
            return super().clean()
        except ValidationError as error:
            if error.code != "invalid_login":
                raise
            # The backend does not authenticate inactive users; say why when the password fits.
            username, password = (
                self.cleaned_data.get("username"),
                self.cleaned_data.get("password"),
            )
            user = User.objects.filter(username=username, is_active=False).first()
            if user and password and user.check_password(password):
                raise ValidationError(self.error_messages["inactive"], code="inactive") from None
            raise

    def confirm_login_allowed(self, user):
        if deactivate_if_dormant(user=user):
            raise ValidationError(self.error_messages["dormant"], code="dormant")
        super().confirm_login_allowed(user)


class SettingsForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["default_source"]
        labels = {"default_source": _("Mina beställningar levereras från")}
        widgets = {"default_source": forms.RadioSelect}


class PhoneForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["phone"]
        labels = {"phone": _("Telefon")}


class EmailForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email"]
        labels = {"email": _("E-post")}


PROFILE_FORMS = {"phone": PhoneForm, "email": EmailForm}


class ServiceLocationChoiceForm(forms.Form):
    service_location = forms.TypedChoiceField(label=_("Tjänsteställe"), coerce=int)

    def __init__(self, *args, locations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["service_location"].choices = [(loc.pk, loc.name) for loc in locations]
