from django import forms

from canvas.areas import AreaKey, ValueKind, value_kinds_in
from canvas.models import Canvas, Note, NoteColour
from core.versioning import VersionFormMixin


class CanvasForm(forms.ModelForm):
    value_kinds = forms.MultipleChoiceField(
        choices=ValueKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Value we promise",
        help_text="Tick every kind of value this learning organization promises the business.",
    )

    class Meta:
        model = Canvas
        fields = ["title", "description", "value_kinds"]
        labels = {"title": "Title", "description": "Description"}
        help_texts = {"title": "Up to 120 characters."}
        error_messages = {"title": {"required": "Give the canvas a title."}}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and not self.is_bound:
            self.initial["value_kinds"] = self.instance.known_value_kinds

    def clean_title(self):
        title = self.cleaned_data["title"].strip()
        if not title:
            raise forms.ValidationError("Give the canvas a title.")
        return title

    def clean_value_kinds(self):
        return value_kinds_in(self.cleaned_data["value_kinds"])  # a box ticked twice counts once


class CanvasHeaderForm(VersionFormMixin, CanvasForm):
    """The board's title, description and value kinds, edited in place."""

    field_order = ["title", "description", "value_kinds", "version"]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", "canvas")
        super().__init__(*args, **kwargs)
        self.fields["title"].widget.attrs["autofocus"] = True
        if not self.is_bound:
            self.initial["version"] = self.instance.version


class NoteTextForm(forms.Form):
    text = forms.CharField(
        label="Note",
        max_length=Note._meta.get_field("text").max_length,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 3, "autofocus": True}),
        error_messages={"required": "Write something on the note first."},
        help_text="Ctrl+Enter (⌘+Enter on a Mac) saves, Escape cancels.",
    )
    colour = forms.ChoiceField(
        label="Colour",
        choices=NoteColour.choices,
        initial=NoteColour.YELLOW,
        widget=forms.RadioSelect,
    )


class NoteAddForm(NoteTextForm):
    """A new note at the end of `area` (posted unprefixed as "area", since the
    prefix depends on it). The form stays open for the next note."""

    def __init__(self, *args, area: str, **kwargs):
        kwargs.setdefault("prefix", f"add-{area}")
        super().__init__(*args, **kwargs)
        self.area = area


class NoteEditForm(VersionFormMixin, NoteTextForm):
    """A note's text and colour, saved only if nobody changed it since it was opened.

    `area` is where the user saw the note, so a save can tell them it was moved.
    """

    area = forms.ChoiceField(choices=AreaKey.choices, widget=forms.HiddenInput, required=False)
    conflict_fields = ["text", "colour"]

    def __init__(self, *args, note: Note | None = None, prefix: str | None = None, **kwargs):
        if prefix is None and note is not None:
            prefix = f"note-{note.pk}"
        super().__init__(*args, prefix=prefix, **kwargs)
        if note is not None and not self.is_bound:
            self.initial.update(
                text=note.text, colour=note.colour, version=note.version, area=note.area
            )


class MoveForm(VersionFormMixin):
    """Where a note goes: one step up or down, or to an area (at a position, or the end),
    and the version the person saw."""

    direction = forms.ChoiceField(
        choices=[("up", "Up"), ("down", "Down"), ("area", "To area")],
        required=False,
    )
    area = forms.ChoiceField(choices=AreaKey.choices, required=False)
    position = forms.IntegerField(min_value=0, required=False)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        if data.get("direction") in ("up", "down"):
            return data
        if not data.get("area"):
            raise forms.ValidationError("Choose where to move the note.")
        data["direction"] = "area"
        return data


class ColourForm(VersionFormMixin):
    """A note's new colour (the board's note tools), and the version the person saw."""

    colour = forms.ChoiceField(choices=NoteColour.choices)


class CanvasIdsField(forms.Field):
    """Canvas ids posted as hidden fields, one per canvas."""

    widget = forms.MultipleHiddenInput
    largest_id = 2**63 - 1  # the database's own limit: a bigger number is no canvas

    def to_python(self, value) -> list[int]:
        values = value if isinstance(value, list | tuple) else [value] if value else []
        ids = []
        for item in values:
            if not str(item).isdigit() or not 0 < int(item) <= self.largest_id:
                raise forms.ValidationError("That list of canvases wasn't understood.")
            ids.append(int(item))
        return ids


class TrashSelectionForm(forms.Form):
    """The canvases a "delete for good" confirmation showed."""

    canvas = CanvasIdsField(required=False)
