"""The building blocks of the XML signature validation (detached, enveloped, enveloping, ASiC,
counter-signatures), one concern per module; the steps are run in order by
``paraphe.core.validation.xades.validator``, and ``packaging`` tells discovery what a file is."""
