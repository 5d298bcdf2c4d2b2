"""Tests of kgraph serve (a package, so its helper modules have their own names)."""
