"""Made-up but prose-like Markdown in English, French, Spanish or pseudo-words.

:class:`ProseWriter` assembles sentences from per-language phrase lists
(:class:`Lexicon`) with a caller-supplied ``random.Random``, so the same seed
always gives the same text.  Languages without a hand-written lexicon get a
stable pseudo-word one.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

LINK_SECTIONS = ("reports", "data", "news", "programmes", "appeals", "stories", "publications")
MIN_WORDS, MAX_WORDS = 600, 880


def phrases(text: str) -> tuple[str, ...]:
    """Split a ``|``-separated list written over several lines into its items."""
    return tuple(item.strip() for item in " ".join(text.split()).split("|"))


@dataclass(frozen=True)
class Lexicon:
    """Phrase lists from which the prose of one language is assembled."""

    subjects: Sequence[str]
    verbs: Sequence[str]
    objects: Sequence[str]
    complements: Sequence[str]
    connectors: Sequence[str]
    quote_verbs: Sequence[str]
    roles: Sequence[str]
    list_intros: Sequence[str]
    headings: Sequence[str]
    cities: Sequence[str]
    org: str
    conjunction: str
    contrast: str
    quote_open: str
    quote_close: str
    thousands_sep: str


PEOPLE = phrases(
    """
    Amina Diallo | Carlos Mendoza | Mei Ling Tan | Jonas Berg | Fatima Haddad | Rahul Mehta |
    Sofia Rossi | Kwame Mensah | Ana Pereira | Thomas Dubois | Nguyen Thi Lan | Omar Farouk |
    Lucía Fernández | Hélène Martin
    """
)

EN = Lexicon(
    subjects=phrases(
        """
        The organization | The regional office | The joint programme | The national task force |
        The ministry of health | The new assessment | The mobile health team |
        The emergency response | The latest survey | The partnership |
        The local community network | The border authority | The field mission |
        The humanitarian coordinator | The training initiative | The early warning system |
        The host government | The project | The coalition of donors |
        The displacement tracking team
        """
    ),
    verbs=phrases(
        """
        supports | strengthens | expands | welcomes | documents | highlights | coordinates |
        funds | monitors | improves | reviews | delivers | protects | calls for | reinforces |
        assesses | launches | extends | accelerates | prioritizes
        """
    ),
    objects=phrases(
        """
        access to primary health care | the safe return of displaced families |
        more than {n} households | cross-border cooperation | water and sanitation services |
        legal pathways for labour migration | the resilience of coastal communities |
        vaccination campaigns in remote districts | the rights of migrant workers |
        data on internal displacement | emergency shelter for {n} people |
        psychosocial support for young people | training for {n} border officials |
        community-based reintegration projects | livelihood opportunities for women |
        early recovery in flood-affected areas | the capacity of local health workers |
        the registration of new arrivals | durable solutions for displaced people |
        climate adaptation plans
        """
    ),
    complements=phrases(
        """
        in the coming months | across the region | with partner governments |
        despite limited funding | along the main migration routes |
        in close cooperation with local authorities | for the third consecutive year |
        in both urban and rural areas | before the rainy season |
        under the new national strategy | at several border crossing points |
        with support from international donors | in line with the Global Compact |
        over the next two years | in the most affected provinces
        """
    ),
    connectors=phrases(
        """
        In addition, | Meanwhile, | At the same time, | According to the latest figures, |
        Since the start of the year, | As a result, | In recent weeks, | Furthermore, |
        For many families, | Earlier this month,
        """
    ),
    quote_verbs=("said", "added", "explained", "noted"),
    roles=phrases(
        """
        Chief of Mission | Regional Director | Head of Programmes | Senior Health Officer |
        spokesperson | Programme Coordinator
        """
    ),
    list_intros=phrases(
        """
        The programme includes: | Key results so far: | The plan focuses on: |
        Priorities for the coming year include:
        """
    ),
    headings=("Background", "Next steps", "About the programme"),
    cities=phrases(
        """
        Bangkok | Nairobi | Geneva | Panama City | Dakar | Manila | Brussels | Cairo | Dhaka |
        Bogotá | Tunis | Jakarta
        """
    ),
    org="Example Organization",
    conjunction="and",
    contrast="while",
    quote_open="“",
    quote_close="”",
    thousands_sep=",",
)

FR = Lexicon(
    subjects=phrases(
        """
        L'organisation | Le bureau régional | Le programme conjoint | Le ministère de la Santé |
        La nouvelle évaluation | L'équipe sanitaire mobile | La réponse d'urgence |
        La dernière enquête | Le partenariat | Le réseau communautaire local |
        L'autorité frontalière | La mission de terrain | Le coordonnateur humanitaire |
        L'initiative de formation | Le système d'alerte précoce | Le gouvernement hôte |
        Le projet | La coalition des donateurs
        """
    ),
    verbs=phrases(
        """
        soutient | renforce | élargit | salue | documente | met en lumière | coordonne |
        finance | suit de près | améliore | examine | assure | protège | plaide pour | évalue |
        lance | prolonge | accélère
        """
    ),
    objects=phrases(
        """
        l'accès aux soins de santé primaires |
        le retour en toute sécurité des familles déplacées | plus de {n} ménages |
        la coopération transfrontalière | les services d'eau et d'assainissement |
        les voies légales de migration de travail | la résilience des communautés côtières |
        les campagnes de vaccination dans les districts isolés |
        les droits des travailleurs migrants | les données sur les déplacements internes |
        un abri d'urgence pour {n} personnes | le soutien psychosocial aux jeunes |
        la formation de {n} agents frontaliers | les projets de réintégration communautaire |
        les moyens de subsistance des femmes | le relèvement rapide des zones inondées |
        les capacités des agents de santé locaux | l'enregistrement des nouveaux arrivants |
        des solutions durables pour les personnes déplacées | les plans d'adaptation au climat
        """
    ),
    complements=phrases(
        """
        dans les mois à venir | dans toute la région | avec les gouvernements partenaires |
        malgré un financement limité | le long des principales routes migratoires |
        en étroite coopération avec les autorités locales |
        pour la troisième année consécutive | en zone urbaine comme en zone rurale |
        avant la saison des pluies | dans le cadre de la nouvelle stratégie nationale |
        à plusieurs postes frontaliers | avec l'appui des donateurs internationaux |
        conformément au Pacte mondial | au cours des deux prochaines années |
        dans les provinces les plus touchées
        """
    ),
    connectors=phrases(
        """
        En outre, | Parallèlement, | Dans le même temps, | Selon les derniers chiffres, |
        Depuis le début de l'année, | En conséquence, | Ces dernières semaines, |
        Par ailleurs, | Pour de nombreuses familles, | Plus tôt ce mois-ci,
        """
    ),
    quote_verbs=("a déclaré", "a ajouté", "a expliqué", "a souligné"),
    roles=phrases(
        """
        cheffe de mission | directeur régional | responsable des programmes |
        chargée de santé principale | porte-parole | coordonnateur de programme
        """
    ),
    list_intros=phrases(
        """
        Le programme comprend : | Principaux résultats à ce jour : | Le plan porte sur : |
        Les priorités pour l'année à venir sont :
        """
    ),
    headings=("Contexte", "Prochaines étapes", "À propos du programme"),
    cities=phrases(
        """
        Bangkok | Nairobi | Genève | Panama | Dakar | Manille | Bruxelles | Le Caire | Dacca |
        Bogota | Tunis | Jakarta
        """
    ),
    org="Organisation Exemple",
    conjunction="et",
    contrast="tandis que",
    quote_open="« ",
    quote_close=" »",
    thousands_sep="\u00a0",
)

ES = Lexicon(
    subjects=phrases(
        """
        La organización | La oficina regional | El programa conjunto | El Ministerio de Salud |
        La nueva evaluación | El equipo móvil de salud | La respuesta de emergencia |
        La última encuesta | La alianza | La red comunitaria local | La autoridad fronteriza |
        La misión sobre el terreno | El coordinador humanitario | La iniciativa de formación |
        El sistema de alerta temprana | El gobierno anfitrión | El proyecto |
        La coalición de donantes
        """
    ),
    verbs=phrases(
        """
        apoya | fortalece | amplía | celebra | documenta | destaca | coordina | financia |
        supervisa | mejora | examina | garantiza | protege | impulsa | evalúa | pone en marcha |
        prolonga | acelera
        """
    ),
    objects=phrases(
        """
        el acceso a la atención primaria de salud |
        el retorno seguro de las familias desplazadas | más de {n} hogares |
        la cooperación transfronteriza | los servicios de agua y saneamiento |
        las vías legales de migración laboral | la resiliencia de las comunidades costeras |
        las campañas de vacunación en distritos remotos |
        los derechos de los trabajadores migrantes | los datos sobre desplazamiento interno |
        refugio de emergencia para {n} personas | el apoyo psicosocial a los jóvenes |
        la formación de {n} funcionarios de fronteras |
        los proyectos de reintegración comunitaria |
        las oportunidades de sustento para las mujeres |
        la recuperación temprana en zonas inundadas |
        la capacidad del personal sanitario local | el registro de las nuevas llegadas |
        soluciones duraderas para las personas desplazadas | los planes de adaptación al clima
        """
    ),
    complements=phrases(
        """
        en los próximos meses | en toda la región | con los gobiernos asociados |
        a pesar de la escasa financiación | a lo largo de las principales rutas migratorias |
        en estrecha cooperación con las autoridades locales | por tercer año consecutivo |
        tanto en zonas urbanas como rurales | antes de la temporada de lluvias |
        en el marco de la nueva estrategia nacional | en varios puestos fronterizos |
        con el apoyo de donantes internacionales | en consonancia con el Pacto Mundial |
        durante los próximos dos años | en las provincias más afectadas
        """
    ),
    connectors=phrases(
        """
        Además, | Mientras tanto, | Al mismo tiempo, | Según las últimas cifras, |
        Desde principios de año, | Como resultado, | En las últimas semanas, | Asimismo, |
        Para muchas familias, | A principios de este mes,
        """
    ),
    quote_verbs=("afirmó", "añadió", "explicó", "señaló"),
    roles=phrases(
        """
        jefa de misión | director regional | responsable de programas |
        oficial superior de salud | portavoz | coordinador de programa
        """
    ),
    list_intros=phrases(
        """
        El programa incluye: | Principales resultados hasta la fecha: | El plan se centra en: |
        Las prioridades para el próximo año son:
        """
    ),
    headings=("Antecedentes", "Próximos pasos", "Acerca del programa"),
    cities=phrases(
        """
        Bangkok | Nairobi | Ginebra | Ciudad de Panamá | Dakar | Manila | Bruselas | El Cairo |
        Daca | Bogotá | Túnez | Yakarta
        """
    ),
    org="Organización Ejemplo",
    conjunction="y",
    contrast="mientras que",
    quote_open="«",
    quote_close="»",
    thousands_sep=".",
)

LEXICONS: dict[str, Lexicon] = {"en": EN, "fr": FR, "es": ES}


def pseudo_lexicon(lang: str) -> Lexicon:
    """Build a made-up but stable lexicon for a language with no word list.

    Words are strings of syllables drawn from a generator seeded by the language
    code, shaped like the English phrase lists so the prose keeps its structure.
    """
    rng = random.Random(f"lexicon:{lang}")
    syllables = ("ka", "lo", "mi", "ren", "ta", "su", "vo", "del", "an", "ri", "po", "eth")

    def word() -> str:
        return "".join(rng.choice(syllables) for _ in range(rng.randint(1, 3)))

    def made_up(count: int, words: int) -> tuple[str, ...]:
        return tuple(" ".join(word() for _ in range(words)) for _ in range(count))

    return Lexicon(
        subjects=tuple(p.capitalize() for p in made_up(16, 2)),
        verbs=made_up(16, 1),
        objects=tuple(p + (" {n}" if i % 5 == 0 else "") for i, p in enumerate(made_up(18, 3))),
        complements=made_up(12, 3),
        connectors=tuple(p.capitalize() + "," for p in made_up(8, 2)),
        quote_verbs=made_up(4, 1),
        roles=made_up(5, 2),
        list_intros=tuple(p.capitalize() + ":" for p in made_up(4, 3)),
        headings=tuple(p.capitalize() for p in made_up(3, 2)),
        cities=EN.cities,
        org=f"Example Organization ({lang})",
        conjunction=word(),
        contrast=word(),
        quote_open="“",
        quote_close="”",
        thousands_sep=",",
    )


def lexicon_for(lang: str) -> Lexicon:
    """Return the hand-written lexicon of ``lang``, or a pseudo-word one."""
    return LEXICONS.get(lang) or pseudo_lexicon(lang)


def lower_first(text: str) -> str:
    """Lower-case the first character (used after a sentence connector)."""
    return text[:1].lower() + text[1:]


def upper_first(text: str) -> str:
    """Upper-case the first character."""
    return text[:1].upper() + text[1:]


class ProseWriter:
    """Assembles Markdown prose in one language from a lexicon and a seeded RNG."""

    def __init__(self, lang: str, rng: random.Random) -> None:
        self.lang = lang
        self.lex = lexicon_for(lang)
        self.rng = rng

    def number(self) -> str:
        """A count such as ``1,250`` written with the language's separator."""
        small = self.rng.random() < 0.7
        value = self.rng.randint(12, 950) if small else self.rng.randint(1000, 25000)
        return f"{value:,}".replace(",", self.lex.thousands_sep)

    def object_phrase(self) -> str:
        """A noun phrase used as a verb's object, with any ``{n}`` filled in."""
        return self.rng.choice(self.lex.objects).replace("{n}", self.number())

    def clause(self, subject: str | None = None) -> str:
        """``subject verb object`` with an optional complement."""
        subject = subject or self.rng.choice(self.lex.subjects)
        parts = [subject, self.rng.choice(self.lex.verbs), self.object_phrase()]
        if self.rng.random() < 0.6:
            parts.append(self.rng.choice(self.lex.complements))
        return " ".join(parts)

    def sentence(self) -> str:
        """One sentence of 10 to 30 words, in one of three shapes."""
        shape = self.rng.random()
        if shape < 0.35:
            connector = self.rng.choice(self.lex.connectors)
            text = f"{connector} {lower_first(self.clause())}"
        elif shape < 0.65:
            first, second = self.rng.sample(self.lex.subjects, 2)
            other = lower_first(self.clause(second))
            text = f"{self.clause(first)}, {self.lex.contrast} {other}"
        elif shape < 0.85:
            extra = f"{self.rng.choice(self.lex.verbs)} {self.object_phrase()}"
            text = f"{self.clause()} {self.lex.conjunction} {extra}"
        else:
            text = self.clause()
        return upper_first(text) + "."

    def paragraph(self) -> str:
        """Three to five sentences, one of them sometimes with a bold phrase."""
        sentences = [self.sentence() for _ in range(self.rng.randint(3, 5))]
        if self.rng.random() < 0.15:
            index = self.rng.randrange(len(sentences))
            sentences[index] = self.embolden(sentences[index])
        return " ".join(sentences)

    def embolden(self, sentence: str) -> str:
        """Wrap the first complement found in ``sentence`` in ``**...**``."""
        for complement in self.lex.complements:
            if complement in sentence:
                return sentence.replace(complement, f"**{complement}**", 1)
        return sentence

    def quote(self) -> str:
        """A quotation paragraph attributed to a named person, with local quote marks."""
        said = self.sentence()[:-1]
        name = self.rng.choice(PEOPLE)
        verb = self.rng.choice(self.lex.quote_verbs)
        role = self.rng.choice(self.lex.roles)
        opening, closing = self.lex.quote_open, self.lex.quote_close
        if self.lang == "en":
            return f"{opening}{said},{closing} {verb} {name}, {role}."
        return f"{opening}{said}{closing}, {verb} {name}, {role}."

    def bullet_list(self) -> str:
        """An introduction line followed by three to five bullet items."""
        items = []
        for _ in range(self.rng.randint(3, 5)):
            item = upper_first(self.object_phrase())
            if self.rng.random() < 0.5:
                item += " " + self.rng.choice(self.lex.complements)
            items.append(f"- {item}")
        return self.rng.choice(self.lex.list_intros) + "\n\n" + "\n".join(items)

    def link(self, text: str) -> str:
        """Markdown link to a made-up page under https://example.org/."""
        section = self.rng.choice(LINK_SECTIONS)
        return f"[{text}](https://example.org/{self.lang}/{section}/{self.rng.randint(100, 9999)})"

    def add_links(self, blocks: list[str], count: int) -> None:
        """Turn ``count`` object phrases of the prose paragraphs into inline links."""
        order = [i for i, b in enumerate(blocks) if not b.startswith(("#", self.lex.quote_open))]
        self.rng.shuffle(order)
        linkable = sorted((p for p in self.lex.objects if "{n}" not in p), key=len, reverse=True)
        for index in order:
            if count == 0:
                return
            phrase = next((p for p in linkable if p in blocks[index]), None)
            if phrase is not None:
                blocks[index] = blocks[index].replace(phrase, self.link(phrase), 1)
                count -= 1

    def body(self) -> str:
        """A 600-900-word Markdown body: paragraphs, quotes, a list, links, bold."""
        target = self.rng.randint(620, 820)
        list_at = self.rng.randint(2, 4)
        slots = [i for i in range(1, 7) if i != list_at]
        quotes_at = set(self.rng.sample(slots, self.rng.randint(1, 2)))
        heading_at = self.rng.randint(6, 9) if self.rng.random() < 0.5 else -1
        blocks: list[str] = []
        words = 0
        while words < target:
            position = len(blocks)
            if position == list_at:
                block = self.bullet_list()
            elif position in quotes_at:
                block = self.quote()
            elif position == heading_at:
                block = "## " + self.rng.choice(self.lex.headings)
            else:
                block = self.paragraph()
            size = len(block.split())
            if words >= MIN_WORDS and words + size > MAX_WORDS:
                break
            blocks.append(block)
            words += size
        if blocks[-1].startswith("#"):
            blocks.pop()
        self.add_links(blocks, self.rng.randint(2, 4))
        return "\n\n".join(blocks) + "\n"
