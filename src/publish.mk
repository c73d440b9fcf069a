# src/publish.mk — included by Makefile.am; owned by the publish work.
