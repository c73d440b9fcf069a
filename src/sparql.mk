# src/sparql.mk — included by Makefile.am; owned by the sparql work: the
# SPARQL engine (src/sparql/), its tests and the W3C measurement.
libnieuwsgraaf_la_SOURCES += \
	src/sparql/engine.c \
	src/sparql/pattern.c \
	src/sparql/expr.c \
	src/sparql/solve.c \
	src/sparql/term.c \
	src/sparql/write.c

noinst_HEADERS += \
	include/nieuwsgraaf/sparql.h \
	src/sparql/eval.h \
	src/sparql/rasqal-private.h

NG_UNIT_TESTS += tests/test-sparql
tests_test_sparql_LDADD = $(NG_LIBS)
