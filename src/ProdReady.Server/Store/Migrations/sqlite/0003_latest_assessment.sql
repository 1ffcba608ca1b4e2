-- Each service's latest assessment (by scan time; ties: the later stored), kept up to date by ingest, so that the
-- portfolio and a control's campaign read one assessment per service instead of ranking all of them; and each
-- assessment's failing P0 controls, counted once at ingest instead of on every read.
ALTER TABLE services ADD COLUMN latest_assessment_id INTEGER REFERENCES assessments (id);
ALTER TABLE assessments ADD COLUMN p0_failures INTEGER NOT NULL DEFAULT 0;

UPDATE assessments SET p0_failures = (
    SELECT COUNT(*) FROM assessment_controls c WHERE c.assessment_id = assessments.id AND c.priority = 'P0' AND c.status = 'fail');
UPDATE services SET latest_assessment_id = (
    SELECT a.id FROM assessments a WHERE a.service_id = services.id ORDER BY a.scanned_at DESC, a.id DESC LIMIT 1);

-- Documents (a few hundred KB each) apart from the rows the portfolio reads, which then sit many to a page; and a
-- service's trend read from the index alone.
CREATE TABLE assessment_documents (
    assessment_id INTEGER PRIMARY KEY REFERENCES assessments (id) ON DELETE CASCADE,
    document TEXT NOT NULL
);
INSERT INTO assessment_documents (assessment_id, document) SELECT id, document FROM assessments;
ALTER TABLE assessments DROP COLUMN document;

DROP INDEX assessments_latest;
CREATE INDEX assessments_latest ON assessments (service_id, scanned_at DESC, id DESC, overall);
