# src/sparql.mk — included by Makefile.am; owned by the sparql work: the
# SPARQL engine (src/sparql/), its tests and the W3C measurement.
libnieuwsgraaf_la_SOURCES += \
	src/sparql/engine.c \
	src/sparql/pattern.c \
	src/sparql/expr.c \
	src/sparql/builtins.c \
	src/sparql/solve.c \
	src/sparql/term.c \
	src/sparql/write.c \
	src/sparql/endpoint-workers.c \
	src/sparql/endpoint-page.c \
	src/sparql/endpoint-describe.c

noinst_HEADERS += \
	include/nieuwsgraaf/sparql.h \
	src/sparql/eval.h \
	src/sparql/rasqal-private.h \
	src/sparql/endpoint.h

NG_UNIT_TESTS += tests/test-sparql
tests_test_sparql_LDADD = $(NG_LIBS)

# The W3C SPARQL test suites: a measurement, not part of make check.
EXTRA_PROGRAMS += tests/w3c-runner
tests_w3c_runner_LDADD = $(NG_LIBS)
W3C_TESTS ?= $(abs_top_srcdir)/../shared/w3c-sparql-tests
w3c: tests/w3c-runner$(EXEEXT)
	./tests/w3c-runner $(W3C_FLAGS) '$(W3C_TESTS)/sparql10/manifest-evaluation.ttl' \
	  '$(W3C_TESTS)/sparql11/manifest-sparql11-query.ttl'
.PHONY: w3c

# Generated queries answered by nieuwsgraaf and rdflib must agree.
NG_E2E_TESTS += tests/differential.sh
EXTRA_DIST += tests/differential.py tests/w3c-runner.c

# The example queries of the query page, also run by the tests.
examplequeriesdir = $(pkgdatadir)/examples/queries
dist_examplequeries_DATA = \
	examples/queries/who-met-whom.rq \
	examples/queries/meetings-kim-jong-un.rq \
	examples/queries/sanctions-north-korea.rq

# Real clients (curl, SPARQLWrapper, rdflib SPARQLStore, roqet -p) against
# the endpoint.
NG_E2E_TESTS += tests/clients.sh
