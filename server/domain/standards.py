"""Codes of outside standards the record lines up with (shared/domain.md, "Standards to line up
with"), each defined once: FHIR exports and the clinical summary read them from here."""

from __future__ import annotations

LOINC = "http://loinc.org"
SNOMED = "http://snomed.info/sct"
UCUM = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

#: Pain severity, 0-10 verbal numeric rating [Score] - Reported: a log's pain, as an integer.
PAIN_SCORE_LOINC = "72514-3"
PAIN_SCORE_DISPLAY = "Pain severity - 0-10 verbal numeric rating [Score] - Reported"
PAIN_SCORE_MIN, PAIN_SCORE_MAX = 0, 10

#: Exercise therapy (regime/therapy): each activity of the home program's CarePlan.
EXERCISE_THERAPY_SNOMED = "229065009"
EXERCISE_THERAPY_DISPLAY = "Exercise therapy (regime/therapy)"

#: The FHIR release the export writes.
FHIR_VERSION = "4.0.1"
#: Canonical URL of our Patient-Specific Functional Scale questionnaire (PSFS answers).
PSFS_QUESTIONNAIRE = "urn:cluneal-companion:questionnaire:psfs"
#: The system our own ids live in (log, session and client identifiers).
ID_SYSTEM = "urn:cluneal-companion:id"
