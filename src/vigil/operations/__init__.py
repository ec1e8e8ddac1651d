"""Operations: every change a person makes to Vigil, once, for the CLI and the web alike.

Each operation takes the caller's session and the actor, does its side effects (the case
resolution that follows, holds on publications), writes its one audit entry with the actor,
and returns what happened. The ``vigil`` commands and the web pages only parse their input,
open the transaction and show the result; neither writes to the audit log itself.

    from vigil.operations import cases, publishing
    with db.transaction() as session:
        merged = cases.merge(session, 34, 29, actor="alice")
        publishing.publish(session, merged.case_id, actor="alice")

An operation asked to do what is already done (a second publish, a second release) changes
nothing and writes no audit entry: a double-click is harmless.
"""
