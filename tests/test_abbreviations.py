"""Acronym definitions (Schwartz-Hearst) and acronym uses, with exact offsets."""

from __future__ import annotations

from pathlib import Path

import pytest

from paperlint.jargon.abbreviations import (
    ACRONYM_TOKEN,
    Definition,
    acronym_uses,
    defined_acronyms,
    find_definitions,
    normalise_acronym,
)
from paperlint.jargon.allowlist import (
    AcronymAllowlist,
    load_acronym_allowlist,
    parse_acronym_list,
)

RULES = Path(__file__).resolve().parent.parent / "rules"


def _one(text: str) -> Definition:
    found = find_definitions(text)
    assert len(found) == 1, found
    d = found[0]
    # the offsets are the contract: they must point into the string we were given
    assert text[d.long_start : d.long_end] == d.long
    assert normalise_acronym(text[d.short_start : d.short_end]) == d.short
    return d


# --------------------------------------------------------------------------------------
# find_definitions: positives, with exact offsets
# --------------------------------------------------------------------------------------

DEFINITIONS = [
    # long form (SF)
    (
        "We train a convolutional neural network (CNN) on satellite images.",
        Definition("CNN", "convolutional neural network", 41, 44, 11, 39),
    ),
    # SF (long form)
    (
        "We compare against a CNN (convolutional neural network) trained from scratch.",
        Definition("CNN", "convolutional neural network", 21, 24, 26, 54),
    ),
    # spaced parentheses
    (
        "Weights are updated by stochastic gradient descent ( SGD ) with momentum.",
        Definition("SGD", "stochastic gradient descent", 53, 56, 23, 50),
    ),
    # hyphenated long form; the first letter starts a word after the hyphen too
    (
        "We fit the mixture with the expectation-maximization (EM) algorithm.",
        Definition("EM", "expectation-maximization", 54, 56, 28, 52),
    ),
    # plural short form, normalised; the surface span keeps the s
    (
        "Hidden Markov Models (HMMs) remain a strong baseline for tagging.",
        Definition("HMM", "Hidden Markov Models", 22, 26, 0, 20),
    ),
    (
        "Each layer is a long short-term memory (LSTM) cell.",
        Definition("LSTM", "long short-term memory", 40, 44, 16, 38),
    ),
    # (SF; note)
    (
        "We report the area under the ROC curve (AUC; higher is better).",
        Definition("AUC", "area under the ROC curve", 40, 43, 14, 38),
    ),
    # citation placeholder between the long form and the parenthesis
    (
        "Large language models [3, 4] (LLMs) are costly to evaluate.",
        Definition("LLM", "Large language models", 30, 34, 0, 21),
    ),
    # (hereafter SF)
    (
        "We study the United Kingdom (hereafter UK) census.",
        Definition("UK", "United Kingdom", 39, 41, 13, 27),
    ),
    # (SF, [7])
    (
        "Graph neural networks (GNN, [7]) aggregate messages.",
        Definition("GNN", "Graph neural networks", 23, 26, 0, 21),
    ),
    # (SF [2])
    (
        "We use reinforcement learning from human feedback (RLHF [2]) to tune the model.",
        Definition("RLHF", "reinforcement learning from human feedback", 51, 55, 7, 49),
    ),
    # Roman-numeral-shaped short forms are fine as definitions
    (
        "We use variational inference (VI) throughout.",
        Definition("VI", "variational inference", 30, 32, 7, 28),
    ),
    (
        "the k-nearest neighbours (kNN) classifier",
        Definition("kNN", "k-nearest neighbours", 26, 29, 4, 24),
    ),
    # a long form of seven words for a four-letter short form: min(4 + 5, 2 * 4) = 8
    (
        "the Bidirectional Encoder Representations from Transformers (BERT) model",
        Definition(
            "BERT",
            "Bidirectional Encoder Representations from Transformers",
            61,
            65,
            4,
            59,
        ),
    ),
    (
        "We call it Low-Rank Adaptation (LoRA).",
        Definition("LoRA", "Low-Rank Adaptation", 32, 36, 11, 30),
    ),
    # a singular long form for a plural short form
    (
        "A hidden Markov model (HMMs) is a special case.",
        Definition("HMM", "hidden Markov model", 23, 27, 2, 21),
    ),
    # (SF for short) and a quoted long form: the quotes are not part of it
    (
        'We use "mean average precision" (mAP for short) throughout.',
        Definition("mAP", "mean average precision", 33, 36, 8, 30),
    ),
    # a definition on the second line of a paragraph (prose views keep newlines)
    (
        "Following prior work, we use\nnatural language inference (NLI) as a probe.",
        Definition("NLI", "natural language inference", 57, 60, 29, 55),
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"), DEFINITIONS, ids=[d.short for _, d in DEFINITIONS]
)
def test_definition_offsets(text: str, expected: Definition) -> None:
    assert _one(text) == expected


def test_several_definitions_in_one_paragraph() -> None:
    text = (
        "We pre-train a masked language model (MLM) and fine-tune it with "
        "low-rank adaptation (LoRA). The MLM is small."
    )
    found = find_definitions(text)
    assert [(d.short, d.long) for d in found] == [
        ("MLM", "masked language model"),
        ("LoRA", "low-rank adaptation"),
    ]
    assert [(d.short_start, d.short_end, d.long_start, d.long_end) for d in found] == [
        (38, 41, 15, 36),
        (86, 90, 65, 84),
    ]
    assert defined_acronyms(found) == {"MLM", "LoRA"}


def test_long_form_stops_at_clause_boundary() -> None:
    # the search must not reach back over the comma into "Moreover"
    d = _one("Moreover, gradient descent (GD) converges.")
    assert d.long == "gradient descent"
    assert (d.long_start, d.long_end) == (10, 26)


# --------------------------------------------------------------------------------------
# find_definitions: negatives
# --------------------------------------------------------------------------------------

NOT_DEFINITIONS = [
    "as shown in (a), the loss falls quickly",
    "The gap is large (see Fig. 1).",
    "The effect was significant (p < .05).",
    "Smith and Jones (2019) proposed it.",
    "BERT (base) and BERT (large) differ in depth.",
    "We evaluate on three tasks (QA, NLI, MT).",
    "The bound holds for any X (X > 0).",
    "This step is important (II) for convergence.",
    "is the previous result (i) or (ii) better?",
    "We ran it in Matlab 2019b (MATLAB) on a laptop.",
    "We compare GPT2 (GPT) with larger models.",
    "The data (n = 120) were collected in 2020.",
    "PyTorch (a deep learning library) was used.",
]


@pytest.mark.parametrize("text", NOT_DEFINITIONS)
def test_not_a_definition(text: str) -> None:
    assert find_definitions(text) == []


def test_long_form_window_is_bounded() -> None:
    # two letters allow min(2 + 5, 2 * 2) = 4 words: "learned" is out of reach
    assert find_definitions("learned weights and all of their embeddings (LE)") == []
    d = _one("learned embeddings (LE)")
    assert (d.long_start, d.long_end) == (0, 18)


# --------------------------------------------------------------------------------------
# acronym_uses
# --------------------------------------------------------------------------------------


def _uses(text: str, **kw: object) -> list[tuple[str, str]]:
    return [(text[s:e], n) for s, e, n in acronym_uses(text, **kw)]  # type: ignore[arg-type]


def test_uses_offsets_and_normalisation() -> None:
    text = "Our CNNs beat the CNN's baseline; GPT-4 and CIFAR-10 help. The U.S. team agreed."
    assert acronym_uses(text) == [
        (4, 8, "CNN"),
        (18, 23, "CNN"),
        (34, 39, "GPT"),
        (44, 52, "CIFAR"),
        (63, 67, "US"),
    ]


def test_uses_plural_possessive_and_compounds() -> None:
    text = "the LLMs' outputs, a CNN-based model, non-IID data, a BiLSTM-CRF tagger"
    assert _uses(text) == [
        ("LLMs'", "LLM"),
        ("CNN", "CNN"),
        ("IID", "IID"),
        ("BiLSTM", "BiLSTM"),
        ("CRF", "CRF"),
    ]


def test_one_letter_prefix_stays_in_the_token() -> None:
    # k-NN, t-SNE, and X-NN (from $k$-NN in the source) are single acronym tokens
    assert _uses("a k-NN graph, t-SNE plots, an X-NN graph") == [
        ("k-NN", "k-NN"),
        ("t-SNE", "t-SNE"),
        ("X-NN", "X-NN"),
    ]


def test_mixed_case_policy() -> None:
    text = "ReLU, LoRA, MoE, IoU, ViT, PhD, mRNA versus RoBERTa, PyTorch, ImageNet, XLNet, LaTeX, ChatGPT, OpenAI"
    assert [n for _, n in _uses(text)] == [
        "ReLU",
        "LoRA",
        "MoE",
        "IoU",
        "ViT",
        "PhD",
        "mRNA",
    ]


def test_one_capital_is_not_an_acronym() -> None:
    assert _uses("F1 rises with L2 decay on an A100, and T5 and X agree.") == []


def test_roman_numerals_units_formulas_ordinals() -> None:
    text = (
        "Table IV and Part II of Louis XIV. A 16GB card with 80 GB, 3 GHz, 2 ms, "
        "10 dB, 5 kW and 2 TB. H2O, CO2, NaCl, HCl and CH4. The 2ND and 3rd runs."
    )
    assert _uses(text) == []


def test_emphasis_runs_and_caps_words() -> None:
    text = "DO NOT USE THIS CODE. NOTE: see the RESULTS, and our results with a GPU."
    assert _uses(text) == [("GPU", "GPU")]
    # three acronyms in a row with no English word among them are not emphasis
    assert [n for _, n in _uses("the UK NHS AI strategy")] == ["UK", "NHS", "AI"]


def test_identifiers_with_long_digit_runs_are_not_acronyms() -> None:
    assert _uses(
        "Funded by grant R01GM074244 and accession PMC4719068; MP3 and HDF5 files."
    ) == [
        ("MP3", "MP3"),
        ("HDF5", "HDF5"),
    ]


def test_defined_lifts_soft_exclusions() -> None:
    text = "We use variational inference (VI). VI scales; Table VI lists runs."
    assert _uses(text) == []
    defined = defined_acronyms(find_definitions(text))
    assert defined == {"VI"}
    # with the definition known, every VI is a use (Table VI too: the rule decides)
    assert [(s, e) for s, e, _ in acronym_uses(text, defined=defined)] == [
        (30, 32),
        (35, 37),
        (52, 54),
    ]


def test_vocabulary_from_the_whole_document() -> None:
    # "IT" alone: nothing says it is an ordinary word, so it is an acronym use
    assert _uses("IT staff run the cluster.") == [("IT", "IT")]
    # given the document's words, IT reads as the word "it" in capitals
    assert _uses("IT staff run the cluster.", vocabulary={"it", "the"}) == []


def test_acronym_token_pattern_needs_two_capitals() -> None:
    assert [m["tok"] for m in ACRONYM_TOKEN.finditer("CNN F1 GPUs R&D a.B")] == [
        "CNN",
        "GPUs",
        "R&D",
    ]


def test_uses_not_inside_paths_or_addresses() -> None:
    assert _uses("see data/README.md or x.PDF or a@ACM.org") == []


# --------------------------------------------------------------------------------------
# allow-lists
# --------------------------------------------------------------------------------------


def test_parse_acronym_list_comments() -> None:
    assert parse_acronym_list(
        "# header\nGPU\n\nCPU  # processor\n  # indented comment\n"
    ) == [
        "GPU",
        "CPU",
    ]


def test_shipped_lists_load_and_are_short() -> None:
    allow = load_acronym_allowlist(RULES)
    assert {"common", "computing", "science", "ml", "stats"} <= set(allow.lists)
    for name, entries in allow.lists.items():
        assert 0 < len(entries) <= 60, name
    assert "GPU" in allow and "GPUs" in allow and "phd" in allow
    assert allow.contains("LLM", ["ml"]) and not allow.contains("LLM", ["common"])
    assert allow.which("ANOVA") == ["stats"]
    # ambiguous letters stay out of every list
    for ambiguous in ("CI", "ID", "PC", "OS", "SEM", "MAP", "IQ", "IR", "PET", "CT", "TV"):
        assert ambiguous not in allow, ambiguous


def test_shipped_list_entries_are_acronym_shaped() -> None:
    allow = load_acronym_allowlist(RULES)
    for name, entries in allow.lists.items():
        for entry in entries:
            assert " " not in entry and normalise_acronym(entry) == entry, (name, entry)


def test_named_lists_and_project_extension(tmp_path: Path) -> None:
    folder = tmp_path / "data" / "acronyms"
    folder.mkdir(parents=True)
    (folder / "common.txt").write_text("GPU\n", encoding="utf-8")
    (folder / "bio.txt").write_text(
        "PCR  # polymerase chain reaction\n", encoding="utf-8"
    )
    allow = load_acronym_allowlist(tmp_path, ["common"])
    assert "GPU" in allow and "PCR" not in allow
    assert "DASHA" in allow.extended("project", ["DASHA"])
    with pytest.raises(FileNotFoundError):
        load_acronym_allowlist(tmp_path, ["nonexistent"])
    assert "GPU" not in AcronymAllowlist()
