"""Photo metadata in and out, with Pillow only (no database).

In: `read_embedded(image)` reads the creator, credit line, caption, copyright notice,
usage terms and date taken from XMP, IPTC (IIM) and EXIF, in that order of preference
(XMP is Unicode and current; IIM is what most wire photos still carry; EXIF is what a
camera writes). Location and device fields are never read.

Out: `Rights` is the allowlist of what a stored file may say about itself. `exif_bytes`
and `xmp_packet` turn it into the only metadata written to any stored file; nothing read
from an upload is copied through, so GPS, maker notes, serial numbers and IPTC locations
cannot survive by accident.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta, timezone
from typing import Any
from xml.sax.saxutils import escape

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.utils import timezone as django_timezone
from PIL import ExifTags, Image, IptcImagePlugin

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "photoshop": "http://ns.adobe.com/photoshop/1.0/",
    "xmpRights": "http://ns.adobe.com/xap/1.0/rights/",
    "exif": "http://ns.adobe.com/exif/1.0/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "plus": "http://ns.useplus.org/ldf/xmp/1.0/",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# IPTC IIM record 2 datasets (IPTC Photo Metadata Standard, IIM mapping).
_IIM = {
    "title": (2, 5),  # Object Name
    "creator": (2, 80),  # By-line
    "date": (2, 55),  # Date Created, CCYYMMDD
    "time": (2, 60),  # Time Created, HHMMSS±HHMM
    "credit": (2, 110),  # Credit Line
    "source": (2, 115),  # Source
    "copyright": (2, 116),  # Copyright Notice
    "caption": (2, 120),  # Caption/Abstract
    "headline": (2, 105),
    "instructions": (2, 40),  # Special Instructions: wire restrictions ("NO SALES")
}
_IIM_UTF8 = b"\x1b%G"  # dataset 1:90, coded character set

# A wire caption ends with its credit line: "... on Sunday. (AP Photo/Hadi Mizban)".
_TRAILING_CREDIT = re.compile(r"\s*\(([^()]*\S/\S[^()]*)\)\s*$")


@dataclass(frozen=True)
class Embedded:
    """What an upload says about itself, for prefilling a photo's fields ('' or None when
    the file does not say)."""

    title: str = ""
    caption: str = ""
    credit: str = ""
    creator: str = ""
    copyright: str = ""
    usage_terms: str = ""
    license_url: str = ""
    source: str = ""  # the agency or provider named by the file (IPTC Source)
    date_taken: datetime | None = None

    def as_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["date_taken"] = self.date_taken.isoformat() if self.date_taken else None
        return {key: value for key, value in data.items() if value}


@dataclass(frozen=True)
class Rights:
    """The metadata written into every stored file: who made it, whose it is, and on what
    terms it may be used. Nothing else is written."""

    creator: str = ""
    credit: str = ""
    copyright: str = ""
    usage_terms: str = ""
    license_url: str = ""

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))


# Reading.


def read_embedded(image: Image.Image) -> Embedded:
    """The descriptive metadata of `image` (opened, not necessarily loaded). Never raises
    on malformed metadata: a field that cannot be read is left empty."""
    sources = [_from_xmp(image), _from_iptc(image), _from_exif(image)]
    merged: dict[str, Any] = {}
    for field in fields(Embedded):
        merged[field.name] = next(
            (found[field.name] for found in sources if found.get(field.name)),
            None if field.name == "date_taken" else "",
        )
    if match := _TRAILING_CREDIT.search(merged["caption"]):
        # The credit line a wire caption ends with is the one to print; the caption then
        # reads without it (the page prints the credit under the caption).
        merged["credit"] = match.group(1).strip()
        merged["caption"] = merged["caption"][: match.start()].rstrip()
    if not merged["credit"] and merged["creator"]:
        merged["credit"] = merged["creator"]
    return Embedded(**merged)


def _clean(value: str) -> str:
    return " ".join(value.replace("\x00", " ").split())


def _from_exif(image: Image.Image) -> dict[str, Any]:
    try:
        exif = image.getexif()
        sub = exif.get_ifd(ExifTags.IFD.Exif)
    except Exception:  # malformed EXIF: Pillow raises a variety of errors
        return {}
    found = {
        "creator": _text(exif.get(ExifTags.Base.Artist)),
        "copyright": _text(exif.get(ExifTags.Base.Copyright)),
        "caption": _text(exif.get(ExifTags.Base.ImageDescription)),
    }
    stamp = _text(sub.get(ExifTags.Base.DateTimeOriginal) or exif.get(ExifTags.Base.DateTime))
    offset = _text(sub.get(ExifTags.Base.OffsetTimeOriginal))
    found["date_taken"] = _exif_datetime(stamp, offset)
    return found


def _text(value: Any) -> str:
    if isinstance(value, bytes):
        for encoding in ("utf-8", "latin-1"):
            try:
                value = value.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    return _clean(value) if isinstance(value, str) else ""


def _exif_datetime(stamp: str, offset: str) -> datetime | None:
    try:
        moment = datetime.strptime(stamp[:19], "%Y:%m:%d %H:%M:%S")
    except ValueError:
        return None
    return _aware(moment, offset)


def _aware(moment: datetime, offset: str) -> datetime:
    """`moment` in the zone `offset` ("+03:00", "+0300", "Z"); a camera that records no
    offset is taken to be in the site's own time zone."""
    match = re.fullmatch(r"([+-])(\d\d):?(\d\d)", offset or "")
    if match:
        sign = 1 if match.group(1) == "+" else -1
        zone = timezone(sign * timedelta(hours=int(match.group(2)), minutes=int(match.group(3))))
        return moment.replace(tzinfo=zone)
    if offset == "Z":
        return moment.replace(tzinfo=UTC)
    return django_timezone.make_aware(moment, django_timezone.get_default_timezone())


def _from_iptc(image: Image.Image) -> dict[str, Any]:
    try:
        info = IptcImagePlugin.getiptcinfo(image) or {}
    except Exception:  # a malformed IPTC block is ignored, not fatal
        return {}
    utf8 = _first(info.get((1, 90))) == _IIM_UTF8

    def value(key: str) -> str:
        raw = info.get(_IIM[key])
        items = raw if isinstance(raw, list) else [raw] if raw else []
        texts = [_iim_text(item, utf8) for item in items]
        return ", ".join(text for text in texts if text)

    found = {key: value(key) for key in _IIM}
    found["title"] = found["title"] or found.pop("headline")
    found["usage_terms"] = found.pop("instructions")
    date, time_ = found.pop("date"), found.pop("time")
    found["date_taken"] = _iim_datetime(date, time_)
    return found


def _first(value: Any) -> Any:
    return value[0] if isinstance(value, list) and value else value


def _iim_text(value: bytes, utf8: bool) -> str:
    if utf8:
        return _clean(value.decode("utf-8", "replace"))
    try:
        return _clean(value.decode("utf-8"))
    except UnicodeDecodeError:
        return _clean(value.decode("latin-1"))


def _iim_datetime(date: str, time_: str) -> datetime | None:
    try:
        moment = datetime.strptime(date + (time_[:6] or "000000"), "%Y%m%d%H%M%S")
    except ValueError:
        return None
    return _aware(moment, time_[6:])


def _xmp_packet(image: Image.Image) -> bytes:
    packet = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    return packet.encode("utf-8") if isinstance(packet, str) else packet


def _from_xmp(image: Image.Image) -> dict[str, Any]:
    packet = _xmp_packet(image).strip(b"\x00 \t\r\n")
    if not packet:
        return {}
    try:
        root = ElementTree.fromstring(packet)
    except (ElementTree.ParseError, DefusedXmlException, ValueError):
        return {}
    found = {
        "title": _xmp(root, "dc", "title") or _xmp(root, "photoshop", "Headline"),
        "caption": _xmp(root, "dc", "description"),
        "credit": _xmp(root, "photoshop", "Credit"),
        "creator": _xmp(root, "dc", "creator"),
        "copyright": _xmp(root, "dc", "rights"),
        "usage_terms": _xmp(root, "xmpRights", "UsageTerms"),
        "license_url": _xmp(root, "xmpRights", "WebStatement"),
        "source": _xmp(root, "photoshop", "Source"),
    }
    stamp = (
        _xmp(root, "photoshop", "DateCreated")
        or _xmp(root, "exif", "DateTimeOriginal")
        or _xmp(root, "xmp", "CreateDate")
    )
    found["date_taken"] = _iso_datetime(stamp)
    if found["license_url"] and not found["license_url"].startswith(("http://", "https://")):
        found["license_url"] = ""
    return found


def _xmp(root, prefix: str, name: str) -> str:
    """The value of property prefix:name in any rdf:Description of `root`, written as an
    attribute, as text, or as an rdf:Seq/Bag (joined) or rdf:Alt (x-default first)."""
    qualified = f"{{{NS[prefix]}}}{name}"
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        if qualified in description.attrib:
            return _clean(description.attrib[qualified])
        element = description.find(qualified)
        if element is None:
            continue
        items = element.findall(f".//{{{NS['rdf']}}}li")
        if not items:
            return _clean(element.text or "")
        default = [li for li in items if li.get(_XML_LANG) == "x-default"]
        if element.find(f"{{{NS['rdf']}}}Alt") is not None:
            return _clean((default or items)[0].text or "")
        return ", ".join(_clean(li.text or "") for li in items if (li.text or "").strip())
    return ""


def _iso_datetime(stamp: str) -> datetime | None:
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        return django_timezone.make_aware(moment, django_timezone.get_default_timezone())
    return moment


# Writing.


def exif_bytes(rights: Rights) -> bytes:
    """An EXIF block with Artist and Copyright only (EXIF text is ASCII: names outside it
    are carried in full by the XMP packet)."""
    exif = Image.Exif()
    if rights.creator:
        exif[ExifTags.Base.Artist] = _ascii(rights.creator)
    if rights.copyright:
        exif[ExifTags.Base.Copyright] = _ascii(rights.copyright)
    return exif.tobytes() if len(exif) else b""


def _ascii(text: str) -> str:
    return text.encode("ascii", "replace").decode("ascii")


def xmp_packet(rights: Rights) -> bytes:
    """An XMP packet with the IPTC Core rights properties Google Images and photo desks
    read: creator, credit line, copyright notice, usage terms, licence URL."""
    if not rights:
        return b""
    properties = []
    if rights.creator:
        creator = escape(rights.creator)
        properties.append(f"<dc:creator><rdf:Seq><rdf:li>{creator}</rdf:li></rdf:Seq></dc:creator>")
    if rights.copyright:
        properties.append(_alt("dc:rights", rights.copyright))
        properties.append("<xmpRights:Marked>True</xmpRights:Marked>")
    if rights.credit:
        properties.append(f"<photoshop:Credit>{escape(rights.credit)}</photoshop:Credit>")
    if rights.usage_terms:
        properties.append(_alt("xmpRights:UsageTerms", rights.usage_terms))
    if rights.license_url:
        url = escape(rights.license_url)
        properties.append(f"<xmpRights:WebStatement>{url}</xmpRights:WebStatement>")
    namespaces = " ".join(f'xmlns:{p}="{NS[p]}"' for p in ("dc", "photoshop", "xmpRights"))
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">'
        f'<rdf:RDF xmlns:rdf="{NS["rdf"]}"><rdf:Description rdf:about="" {namespaces}>'
        + "".join(properties)
        + '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="r"?>'
    ).encode()


def _alt(name: str, text: str) -> str:
    item = f'<rdf:li xml:lang="x-default">{escape(text)}</rdf:li>'
    return f"<{name}><rdf:Alt>{item}</rdf:Alt></{name}>"
