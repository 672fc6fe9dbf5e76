-- An alert's title says what happened; its kind is named once, from "kind", wherever it is shown
-- (「重大事项：…」 in messages, 【重大事项】 on its card, the label of its 待办 row).
-- Titles stored before carried the kind too: strip it.
UPDATE "Alert"
SET "title" = regexp_replace("title", '^(重大事项|异常信件|非正常上访|民情信息)：', '')
WHERE "title" ~ '^(重大事项|异常信件|非正常上访|民情信息)：';

-- R21: 「XF-… 赴省非正常上访」 under the 非正常上访 kind becomes 「XF-… 赴省上访」.
UPDATE "Alert"
SET "title" = replace(replace("title", '赴省非正常上访', '赴省上访'), '进京非正常上访', '进京上访')
WHERE "kind" = 'ABNORMAL_PETITION';
