"""An organization's time zone: UTC by default, chosen in its settings, checked against zoneinfo."""

from datetime import UTC, datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from orgs.models import Organization, validate_time_zone


def test_organizations_start_in_utc(db):
    assert Organization.objects.create(name="New", slug="new").time_zone == "UTC"


def test_only_known_zones_pass():
    validate_time_zone("Europe/Paris")
    for bad in ("Mars/Olympus", "../etc/passwd", "", "utc+2"):
        with pytest.raises(ValidationError):
            validate_time_zone(bad)


def test_today_is_the_organizations_date(org, monkeypatch):
    from django.utils import timezone

    moment = datetime(2027, 3, 31, 22, 30, tzinfo=UTC)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    org.time_zone = "Asia/Tokyo"
    assert str(org.today()) == "2027-04-01"
    org.time_zone = "America/New_York"
    assert str(org.today()) == "2027-03-31"
    org.time_zone = "No/Such_Zone"  # a stored name this machine lacks reads as UTC
    assert str(org.today()) == "2027-03-31"


def test_the_owner_sets_the_time_zone_in_settings(owner, org, client_for):
    client = client_for(owner)
    url = reverse("org_settings", kwargs={"org_slug": org.slug})
    assert 'name="time_zone"' in client.get(url).content.decode()
    data = {"name": org.name, "currency": "EUR", "time_zone": "Mars/Olympus"}
    response = client.post(url, data)
    assert response.status_code == 422
    assert "Pick a time zone from the list" in response.content.decode()
    org.refresh_from_db()
    assert org.time_zone == "UTC"
    response = client.post(url, {**data, "time_zone": "Europe/Berlin"})
    assert response.status_code == 302
    org.refresh_from_db()
    assert org.time_zone == "Europe/Berlin"
    # Leaving it out keeps the zone it has.
    client.post(url, {"name": org.name, "currency": "EUR"})
    org.refresh_from_db()
    assert org.time_zone == "Europe/Berlin"


def test_an_organizations_pages_show_times_in_its_time_zone(org, owner, canvas, client_for):
    """A share link made at 22:30 UTC was made at 07:30 the next morning in Tokyo: the
    settings page says so. The next request, anybody's, starts in the server's zone again."""
    from django.utils import timezone

    from sharing.models import ShareLink
    from sharing.services import create_share_link

    link = create_share_link(canvas=canvas, by=owner, shows_board=True, label="Board")
    ShareLink.objects.filter(pk=link.pk).update(
        created_at=datetime(2027, 3, 31, 22, 30, tzinfo=UTC)
    )
    org.time_zone = "Asia/Tokyo"
    org.save(update_fields=["time_zone"])
    client = client_for(owner)
    page = client.get(reverse("share_settings", args=[org.slug, canvas.pk])).content.decode()
    assert "1 Apr 2027, 07:30" in page
    assert "31 Mar 2027, 22:30" not in page
    assert timezone.get_current_timezone_name() == "UTC"  # put back after the request
    client.get(reverse("login"))
    assert timezone.get_current_timezone_name() == "UTC"
