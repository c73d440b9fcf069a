# src/nlp.mk — included by Makefile.am; owned by the nlp work.  Add sources with
#   libnieuwsgraaf_la_SOURCES += src/...
# unit tests with
#   NG_UNIT_TESTS += tests/test-...   and   tests_test_..._LDADD = $(NG_LIBS)
# end-to-end scripts with  NG_E2E_TESTS += tests/....sh
# and extra distributed files with  EXTRA_DIST += ...

libnieuwsgraaf_la_SOURCES += src/lexmatch.c src/timex.c \
	src/extract-persons.c src/extract-events.c src/extract-triggers.c \
	src/extract-participants.c src/extract-context.c src/extract-status.c \
	src/extract-english.c \
	src/extract-sanctions.c
noinst_HEADERS += include/nieuwsgraaf/lexmatch.h include/nieuwsgraaf/timex.h \
	src/extract-private.h src/extract-meeting.h

NG_UNIT_TESTS += tests/test-timex tests/test-bad-text
NG_E2E_TESTS += tests/status-history.sh
tests_test_timex_LDADD = $(NG_LIBS)
tests_test_bad_text_LDADD = $(NG_LIBS)

# CoNLL-2002 Dutch PER/LOC measurement (the data stays in ../shared; it is
# only read, never shipped or used to build reference lists)
EXTRA_PROGRAMS = tests/conll-eval tests/bench-extract
tests_conll_eval_LDADD = $(NG_LIBS)
tests_bench_extract_LDADD = $(NG_LIBS)
CONLL ?= $(SHARED)/eval/conll2002/ned.testb

eval-conll: tests/conll-eval$(EXEEXT)
	@NG_DATA_DIR='$(abs_top_srcdir)/ontology' ./tests/conll-eval$(EXEEXT) '$(CONLL)' $(EVAL_FLAGS)

# Extraction speed (MB/s, articles/s; one thread).  Not part of make check.
BENCH_ARGS ?= $(abs_top_srcdir)/examples/sample
bench-extract: tests/bench-extract$(EXEEXT)
	@NG_DATA_DIR='$(abs_top_srcdir)/ontology' ./tests/bench-extract$(EXEEXT) $(BENCH_ARGS)

clean-local: nlp-clean-local
nlp-clean-local:
	-rm -f tests/conll-eval$(EXEEXT) tests/bench-extract$(EXEEXT)

.PHONY: eval-conll bench-extract nlp-clean-local
