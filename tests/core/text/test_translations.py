"""Every user-facing string of the engine and the CLI has a French translation."""

from __future__ import annotations

import re
import string
from importlib import resources
from pathlib import Path

from lxml import etree

from paraphe.core.text.i18n_sources import source_strings


def _catalogue() -> dict[str, str]:
    data = resources.files("paraphe.resources.translations").joinpath("paraphe_fr.ts").read_bytes()
    root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    return {m.findtext("source"): m.findtext("translation") or "" for m in root.iter("message")}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_source_string_has_a_french_translation() -> None:
    catalogue = _catalogue()
    missing = [s for s in source_strings() if not catalogue.get(s)]
    assert not missing, f"untranslated (run tools/update_translations.py): {missing}"


def test_the_sources_cover_the_engine_and_the_command_line() -> None:
    """A scan rooted one folder too low once missed every command-line string, silently."""
    import paraphe.cli.commands.verify
    import paraphe.core.validation.verifier

    strings = set(source_strings())
    scanned = {
        "the command line": paraphe.cli.commands.verify.__file__,
        "the engine": paraphe.core.validation.verifier.__file__,
    }
    for face, module in scanned.items():
        text = Path(module).read_text(encoding="utf-8")
        used = set(re.findall(r'\b(?:tr|N_)\("([^"\\]+)"\)', text))
        assert used, f"no translatable string found in {module}"
        assert used <= strings, f"strings of {face} not collected: {used - strings}"


def test_translations_keep_the_placeholders() -> None:
    for source, translation in _catalogue().items():
        assert _fields(source) == _fields(translation), source


def test_cli_speaks_french_with_a_french_locale(run_paraphe) -> None:
    done = run_paraphe("verify", "/nonexistent/offre", env={"LC_ALL": "fr_FR.UTF-8"})
    assert done.returncode == 4
    assert "Illisibles (1) :" in done.stdout
    assert "fichier ou dossier introuvable" in done.stdout
    english = run_paraphe(
        "--lang", "en", "verify", "/nonexistent/offre", env={"LC_ALL": "fr_FR.UTF-8"}
    )
    assert "Could not be read (1):" in english.stdout
    assert re.search(r"0 signature\(s\)", english.stdout)


def test_an_error_reads_in_one_language() -> None:
    """The detail of an error is the engine's phrase, translated with the sentence around it:
    "(no such file)" once ended French messages in English."""
    from paraphe.cli.i18n import localized, set_language
    from paraphe.core.errors import CorruptKeystore, OutputNotWritable
    from paraphe.core.text.translatable import N_

    set_language("fr")
    try:
        keystore = localized(CorruptKeystore(Path("cle.p12"), detail=N_("no such file")))
        folder = localized(OutputNotWritable(Path("/sortie"), detail=N_("permission denied")))
    finally:
        set_language("en")
    assert keystore.endswith("(fichier introuvable).")
    assert "(permission refusée)" in folder


def test_a_worded_text_is_english_and_says_itself_in_french() -> None:
    """What the engine writes from a template (a PDF's later changes) is English in the JSON and
    French in the French faces, values kept; it survives the trip to a worker process."""
    import pickle

    from paraphe.cli.i18n import translator
    from paraphe.core.text.translatable import N_, Worded, in_words

    line = Worded(
        N_("revision {revision}: {what}"),
        revision=3,
        what=Worded.joined(
            "; ", [N_("validation data added (DSS)"), Worded(N_("signature {name}"), name="Sig2")]
        ),
    )
    assert line == "revision 3: validation data added (DSS); signature Sig2"
    french = in_words(pickle.loads(pickle.dumps(line)), translator("fr"))
    assert french == "révision 3 : données de validation ajoutées (DSS); signature Sig2"


def test_the_crypto_policy_and_container_details_say_themselves_in_french() -> None:
    """Why an algorithm is refused (the dated crypto policy) and what is wrong with an ASiC
    container are details a buyer reads: English in the JSON, French in the French faces."""
    import datetime as dt

    from paraphe.cli.i18n import translator
    from paraphe.core.text.translatable import N_, Worded, in_words
    from paraphe.core.validation import crypto_policy

    tr = translator("fr")
    role = Worded(N_("the digest of {what}"), what=Worded(N_("the signature")))
    judgement = crypto_policy.judge(
        [crypto_policy.AlgorithmUse("sha1", role)],
        dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        proven=False,
        now=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert judgement.reason == (
        "SHA-1 (the digest of the signature) is no longer accepted from 2009-01-01 (ETSI TS 102"
        " 176-1); nothing proves it was made before that date"
    )
    assert in_words(judgement.reason, tr) == (
        "SHA-1 (l’empreinte de la signature) n’est plus accepté depuis le 2009-01-01 (ETSI TS"
        " 102 176-1) ; rien ne prouve que la signature a été faite avant cette date"
    )
    changed = Worded(N_("{file} was modified after it was signed"), file="Offre.asice!/a.pdf")
    assert in_words(changed, tr) == "Offre.asice!/a.pdf a été modifié après sa signature"
