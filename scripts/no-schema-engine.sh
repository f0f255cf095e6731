#!/bin/sh
# Stops the Prisma CLI from downloading its native schema engine (offline machines): `prisma generate`
# never runs the engine, so pointing it at a program that fails is enough. See docs/adr/0001.
exit 1
