# src/hardening.mk — included by Makefile.am; owned by the hardening work.
