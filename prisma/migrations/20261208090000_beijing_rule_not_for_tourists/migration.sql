-- R20: the default rule of 扬言进京集体访 shipped until now flagged any mention of people going to
-- Beijing together (「大家一起去北京旅游」, 「镇里组织党员去北京参观学习」) and missed 「到天安门讨说法」.
-- The application now starts with narrower rules (src/domain/intake/default-keyword-rules.ts,
-- inserted at start-up). The old rule is switched off (never deleted: a rule is kept for the record)
-- only where it is still the shipped default and in use; a rule the office switched off stays as it is.
UPDATE "KeywordRule"
SET "active" = false
WHERE "category" = 'BEIJING_COLLECTIVE'
  AND "pattern" = '(集体|组织|一起|联合|大家|全村).{0,8}(进京|去北京|赴京|上北京|到北京)'
  AND "isRegex" = true
  AND "active" = true;
