"""The optional C part of Marsad (everything else is in pyproject.toml).

``marsad.ner._crfkernel`` runs the NER decoder's arithmetic (state scores, marks and Viterbi) in C,
``marsad.ner._formkernel`` its per-form entries and mark walks, and ``marsad.arabic._tokenkernel``
the token loops of the segmenter, of the number and date readers and of the entity rules. All are
optional: where no C compiler is available the build skips them and
``marsad.ner.fastcrf`` uses its numpy path, which gives the same labels (see docs/ner.md,
"Decoding speed"), and the token loops run in Python, which gives the same tokens.
"""
from setuptools import Extension, setup

setup(
    ext_modules=[
        Extension(
            "marsad.ner._crfkernel",
            sources=["src/marsad/ner/_crfkernel.c"],
            # only additions and comparisons of doubles: never contract or reorder them, so the
            # sums are those python-crfsuite makes
            extra_compile_args=["-O2", "-ffp-contract=off", "-fno-fast-math"],
            optional=True,
        ),
        Extension(
            "marsad.ner._formkernel",
            sources=["src/marsad/ner/_formkernel.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
        Extension(
            "marsad.arabic._tokenkernel",
            sources=["src/marsad/arabic/_tokenkernel.c"],
            extra_compile_args=["-O2"],
            optional=True,
        ),
    ]
)
