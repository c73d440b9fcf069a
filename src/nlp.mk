# src/nlp.mk — included by Makefile.am; owned by the nlp work.  Add sources with
#   libnieuwsgraaf_la_SOURCES += src/...
# unit tests with
#   NG_UNIT_TESTS += tests/test-...   and   tests_test_..._LDADD = $(NG_LIBS)
# end-to-end scripts with  NG_E2E_TESTS += tests/....sh
# and extra distributed files with  EXTRA_DIST += ...

libnieuwsgraaf_la_SOURCES += src/lexmatch.c src/timex.c
noinst_HEADERS += include/nieuwsgraaf/lexmatch.h include/nieuwsgraaf/timex.h

NG_UNIT_TESTS += tests/test-timex
tests_test_timex_LDADD = $(NG_LIBS)
