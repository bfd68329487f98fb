package io.stagesync.dialect;

/** Which version of the entries a read sees: the working copy or what is published. */
public enum ContentState { DRAFT, PUBLISHED }
