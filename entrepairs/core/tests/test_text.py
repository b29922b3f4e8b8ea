from entrepairs.core.text import is_blank


def test_invisible_or_space_only_text_is_blank():
    for value in ("", None, "   ", "\u00a0\u200b", "\ufeff\u200d\t\n", "\u2028"):
        assert is_blank(value), repr(value)


def test_any_visible_character_is_not_blank():
    for value in ("a", " é ", "\u200b1", "—", "😊"):
        assert not is_blank(value), repr(value)
