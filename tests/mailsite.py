"""A six-language site with media lists, and a real SMTP server (aiosmtpd) on 127.0.0.1 that
keeps what it accepts and can answer chosen recipients with chosen codes."""

from __future__ import annotations

import asyncio
import os
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

aiosmtpd = pytest.importorskip(
    "aiosmtpd.controller", reason="aiosmtpd not found: pip install -e '.[test]'"
)

RELEASE = "water-points"
EMBARGOED = "sahel-report"
DRAFT = "draft-note"

CONFIG = """\
[site]
base_url = "https://news.example.org/"
default_language = "en"
languages = ["en", "fr", "es", "ar", "zh", "ru"]

[site.title]
en = "Example Newsroom"
fr = "Salle de presse exemple"
es = "Sala de prensa de ejemplo"
ar = "غرفة الأخبار النموذجية"
zh = "示例新闻中心"
ru = "Пример пресс-центра"

[mail]
from = "Media Office <media@example.org>"
reply_to = "press@example.org"
smtp = "127.0.0.1:{port}"
security = "none"
unsubscribe = "{unsubscribe}"
rate = 1000
retries = 2
"""

HTTPS_UNSUBSCRIBE = "https://news.example.org/unsubscribe?email={email}"

TITLES = {
    "en": "IOM opens water points for displaced families in the Sahel",
    "fr": "L'OIM ouvre des points d'eau pour les familles déplacées au Sahel",
    "es": "La OIM abre puntos de agua para las familias desplazadas en el Sahel",
    "ar": "المنظمة الدولية للهجرة تفتتح نقاط مياه للأسر النازحة في منطقة الساحل",
    "zh": "国际移民组织为萨赫勒地区流离失所家庭开设供水点",
}
DATELINES = {"en": "Niamey", "fr": "Niamey", "es": "Niamey", "ar": "نيامي", "zh": "尼亚美"}
BODIES = {
    "en": "The International Organization for Migration (IOM) opened forty new water points "
    "today for families displaced by conflict across the Sahel, where the dry season has "
    "emptied the wells that whole villages depend on. Details: "
    "https://www.example.org/sahel/water-points-for-displaced-families-2026/details.html\n\n"
    "“Clean water is the first protection we can offer,” said the head of mission.",
    "fr": "L'Organisation internationale pour les migrations (OIM) a ouvert aujourd'hui "
    "quarante nouveaux points d'eau pour les familles déplacées par le conflit dans tout le "
    "Sahel, où la saison sèche a vidé les puits dont dépendent des villages entiers.\n\n"
    "« L'eau potable est la première protection que nous pouvons offrir », a déclaré la "
    "cheffe de mission.",
    "es": "La Organización Internacional para las Migraciones (OIM) abrió hoy cuarenta nuevos "
    "puntos de agua para las familias desplazadas por el conflicto en todo el Sahel, donde "
    "la estación seca ha vaciado los pozos de los que dependen aldeas enteras.\n\n"
    "«El agua potable es la primera protección que podemos ofrecer», dijo la jefa de misión.",
    "ar": "افتتحت المنظمة الدولية للهجرة اليوم أربعين نقطة مياه جديدة للأسر التي شرّدها النزاع "
    "في جميع أنحاء منطقة الساحل، حيث أفرغ موسم الجفاف الآبار التي تعتمد عليها قرى بأكملها.\n\n"
    "وقالت رئيسة البعثة: «المياه النظيفة هي أول حماية يمكننا تقديمها».\n\n"
    "Water is life.",
    "zh": "国际移民组织今天为萨赫勒地区因冲突而流离失所的家庭开设了四十个新的供水点。旱季使整个"
    "村庄赖以生存的水井干涸，新的供水点将为数万人提供安全的饮用水。\n\n"
    "特派团团长说：“清洁的饮用水是我们能够提供的第一道保护。”",
}


def release_files() -> dict[str, str]:
    files = {
        f"releases/{RELEASE}/release.yaml": "date: 2025-03-04T10:00:00+01:00\n"
        "type: press-release\noriginal: en\nregions: [global]\nstatus: published\n"
        "image: well.jpg\n",
        f"releases/{EMBARGOED}/release.yaml": "date: 2025-03-04T10:00:00+01:00\n"
        "type: press-release\noriginal: fr\nstatus: published\n"
        "embargo: 2099-03-15T09:00:00Z\n",
        f"releases/{EMBARGOED}/fr.md": "---\ntitle: Rapport sur le Sahel\ndateline: Dakar\n---\n"
        "Le rapport paraît sous embargo.\n",
        f"releases/{EMBARGOED}/en.md": "---\ntitle: Sahel report\ndateline: Dakar\n---\n"
        "The report is out under embargo.\n",
        f"releases/{DRAFT}/release.yaml": "date: 2025-03-04T10:00:00+01:00\n"
        "type: press-release\noriginal: en\nstatus: draft\n",
        f"releases/{DRAFT}/en.md": "---\ntitle: Not yet\ndateline: Geneva\n---\nDraft text.\n",
    }
    for lang, title in TITLES.items():
        files[f"releases/{RELEASE}/{lang}.md"] = (
            f'---\ntitle: "{title}"\ndateline: {DATELINES[lang]}\n'
            "image:\n  caption: A water point\n  alt: A woman fills a jerrycan\n"
            "contacts:\n  - name: Amina Diallo\n    email: adiallo@example.org\n"
            f"---\n{BODIES[lang]}\n"
        )
    return files


LIST = (
    "email,name,language\n"
    "jane@example.org,Jane Doe,en\n"
    "marie@example.org,Marie Dupont,fr\n"
    "pablo@example.org,Pablo Ruiz,es\n"
    "ali@example.org,علي حسن,ar\n"
    "li@example.org,李雷,zh\n"
    "ivan@example.org,Иван Петров,ru\n"
    "desk@example.org,News desk,\n"
)


def write_site(root: Path, port: int, unsubscribe: str = HTTPS_UNSUBSCRIBE) -> Path:
    site = root / "site"
    files = {
        "pressgen.toml": CONFIG.format(port=port, unsubscribe=unsubscribe),
        "lists/journalists.csv": LIST,
        **release_files(),
    }
    for name, text in files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (site / "releases" / RELEASE / "well.jpg").write_bytes(_small_jpeg())
    return site


@dataclass
class Received:
    recipient: str
    data: bytes

    @property
    def message(self) -> EmailMessage:
        parsed = message_from_bytes(self.data, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        return parsed


@dataclass
class Handler:
    """Accepts every message, unless `answers` holds codes for a recipient (used in turn);
    `kill_before` kills process `victim` when the message after that many accepted starts;
    `stop_in_data` sends it a signal once a message is taken, before answering for it."""

    received: list[Received] = field(default_factory=list)
    answers: dict[str, list[str]] = field(default_factory=dict)
    kill_before: int | None = None
    victim: int | None = None
    stop_in_data: tuple[int, signal.Signals] | None = None  # (message number, signal)
    mail_answers: list[str] = field(default_factory=list)  # to the next MAIL FROMs, in turn
    stop_twice: bool = False
    answer_after: float = 0.0  # seconds between taking a message and answering for it
    data_answers: dict[str, str] = field(default_factory=dict)  # a refusal of the message
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_MAIL(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if self.kill_before is not None and len(self.received) == self.kill_before:
            for _ in range(100):  # the test sets the victim right after starting it
                if self.victim is not None:
                    break
                await asyncio.sleep(0.05)
            assert self.victim is not None
            os.kill(self.victim, signal.SIGKILL)
            return "421 4.3.0 closing"
        if self.mail_answers:
            return self.mail_answers.pop(0)
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        queued = self.answers.get(address)
        if queued:
            return queued.pop(0)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        refusal = next(
            (self.data_answers[r] for r in envelope.rcpt_tos if r in self.data_answers), ""
        )
        if refusal:
            return refusal
        with self.lock:
            for recipient in envelope.rcpt_tos:
                self.received.append(Received(recipient, envelope.original_content))
        if self.stop_in_data is not None and len(self.received) == self.stop_in_data[0]:
            assert self.victim is not None
            os.kill(self.victim, self.stop_in_data[1])  # stopped while it awaits the answer
            await asyncio.sleep(0.5)
            if self.stop_twice:  # and again, the answer still far off
                os.kill(self.victim, self.stop_in_data[1])
                await asyncio.sleep(20)
        await asyncio.sleep(self.answer_after)
        return "250 2.0.0 accepted"


class _AnyPortController(aiosmtpd.Controller):  # type: ignore[misc,name-defined]
    """aiosmtpd's controller on port 0 (any free one), which it does not support as such."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


@contextmanager
def running_server(**options: Any) -> Iterator[tuple[Handler, int]]:
    """A server on 127.0.0.1 on a free port, stopped afterwards; `options` go to aiosmtpd
    (`ssl_context` for TLS from the first byte, `tls_context` to offer STARTTLS)."""
    handler = Handler()
    controller = _AnyPortController(handler, hostname="127.0.0.1", port=0, **options)
    controller.start()
    try:
        yield handler, controller.port
    finally:
        controller.stop()


def _small_jpeg() -> bytes:
    """A real photo file (the reader measures every photo), as small as one can be."""
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 3), (40, 90, 160)).save(buffer, "JPEG")
    return buffer.getvalue()
