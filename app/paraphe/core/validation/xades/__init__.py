"""The building blocks of the detached XAdES validation, one concern per module; the steps are
run in order by ``paraphe.core.validation.xades.validator``."""
