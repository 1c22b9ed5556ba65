"""A fuzzing harness for ``paraphe verify``: seeds signed at test time, mutators with a fixed
seed, an oracle for "a signed byte changed", and a runner that verifies each input in a child
process with a time cap and an address-space limit. See docs/fuzzing.md.

- ``corpus``: valid XAdES, CAdES (.p7s, .p7m) and PAdES signatures, ours and other tools'.
- ``der``, ``mutate_bytes``, ``mutate_cms``, ``mutate_xml``, ``mutate_pdf``, ``mutators``: the
  mutations, deterministic for a given ``random.Random``.
- ``oracle``: which verdicts a mutant may not get (TOTAL_PASSED once its signed content changed).
- ``worker`` (the child side) and ``runner`` (the parent side): bounded verification.
- ``campaign``: the loop, its records and figures; used by tests/core/validation/test_fuzz.py and
  tools/fuzz_campaign.py.
"""
