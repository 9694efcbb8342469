"""The terms the keyword issue requires to come out as one token each on the seed reports."""

SEED_TERMS = [
    "对口帮扶",
    "消费扶贫",
    "三区两地",
    "一体两翼",
    "西安航天基地",
    "汉滨区",
    "丹凤县",
    "双孢菇",
]
