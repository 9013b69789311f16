"""Letters of the 依申请公开 procedure: notices and replies as DOCX and PDF from editable templates.

The pure layer (no Django) is `composition/`: `kinds` (LetterKind, LetterFormat), `placeholders`
(the names a template may use and the check run on saving), `compose` (LetterContext → Letter),
`defaults` (the shipped texts); beside it `render/` (DOCX and PDF writers, pure too). The Django app
on top: `models` (LetterTemplate versions, IssuedLetter), `selectors.template_for`,
`services.template_save` and `services.letter_issue`.
"""
