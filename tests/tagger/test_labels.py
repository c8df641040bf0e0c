"""BIO encoding of spans and the lenient decoding the extractor uses."""
from extractor.tagger.labels import LabelledSpan, bio_tags, decode_bio, encode_bio, entity_labels
from extractor.catalog import catalog


def test_labels_are_the_catalog_fact_types_and_the_two_item_kinds():
    assert entity_labels() == [f.type for f in catalog().fact_types] + ["PROBLEM", "MEASURE"]
    tags = bio_tags(entity_labels())
    assert tags[0] == "O" and len(tags) == 1 + 2 * len(entity_labels())


def test_spans_survive_encoding_and_decoding():
    text = "全年共主动公开政府信息83条，其中微信公众号公开43条。"
    spans = [LabelledSpan(2, 15, "info_published_total"), LabelledSpan(18, 28, "info_published_channel")]
    tags = bio_tags(entity_labels())
    ids = encode_bio(len(text), spans, {t: i for i, t in enumerate(tags)})
    assert decode_bio([tags[i] for i in ids]) == spans


def test_an_overlapping_later_span_is_not_written_over_an_earlier_one():
    tags = bio_tags(entity_labels())
    tag_ids = {t: i for i, t in enumerate(tags)}
    ids = encode_bio(10, [LabelledSpan(0, 6, "PROBLEM"), LabelledSpan(4, 9, "trainings")], tag_ids)
    assert decode_bio([tags[i] for i in ids]) == [LabelledSpan(0, 6, "PROBLEM")]


def test_decoding_reads_a_stray_inside_tag_as_a_start():
    tags = ["O", "I-PROBLEM", "I-PROBLEM", "B-MEASURE", "I-PROBLEM", "O"]
    assert decode_bio(tags) == [LabelledSpan(1, 3, "PROBLEM"), LabelledSpan(3, 4, "MEASURE"),
                                LabelledSpan(4, 5, "PROBLEM")]


def test_a_fact_span_is_widened_to_whole_numbers():
    from extractor.tagger.reader import whole_numbers
    text = "全年共主动公开信息1,203条，其中政府网站公开21630条"
    start = text.index("203")
    assert text[slice(*whole_numbers(text, start, start + 4))] == "1,203条"
    start = text.index("网站")
    assert text[slice(*whole_numbers(text, start, text.index("630") + 1))] == "网站公开21630"
