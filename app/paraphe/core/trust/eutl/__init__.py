"""EU trusted lists (ETSI TS 119 612): fetched, verified and cached; the CA/QC and QTST services
they list become trust anchors, and their status history answers "was this certificate qualified
when it signed?" (ETSI TS 119 615, TS 119 172-4).

Built on ``pyhanko.sign.validation.qualified`` (its xsdata model of TL v5/v6, its interpreters of
one service entry, its XML signature check, its OJ anchors), with what it leaves out filled here:
every status and the whole history is kept (pyHanko keeps "granted" only, and never uses the
history at a past time), list validity windows, a certificate with several QcTypes, one bad list
never stopping the others, and a pre-indexed cache so that a verification starts fast.
"""
