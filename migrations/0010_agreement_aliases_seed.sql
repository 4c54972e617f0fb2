-- The seed agreements' other names (see 0009): facts of the seed, in SQL both engines run.
INSERT INTO agreement_aliases (agreement_id, alias) VALUES
    ('asean-outlook-on-the-indo-pacific', 'ASEAN Outlook on the Indo-Pacific'),
    ('asean-outlook-on-the-indo-pacific', 'AOIP'),
    ('south-china-sea-code-of-conduct', 'Code of Conduct'),
    ('free-and-open-indo-pacific', 'Free and Open Indo-Pacific'),
    ('free-and-open-indo-pacific', 'FOIP'),
    ('us-free-and-open-indo-pacific-strategy', 'Indo-Pacific Strategy'),
    ('japan-national-defense-strategy', 'National Defense Strategy'),
    ('comprehensive-strategic-partnership', 'Comprehensive Strategic Partnership'),
    ('extensive-strategic-partnership', 'Extensive Strategic Partnership'),
    ('defense-equipment-technology-transfer-2021', 'Defense Equipment and Technology Transfer Agreement'),
    ('joint-vision-statement-2018', 'Joint Vision Statement'),
    ('quad', 'Quad'),
    ('quad', 'Quadrilateral Security Dialogue'),
    ('unclos', 'UNCLOS'),
    ('unclos', 'Law of the Sea'),
    ('defense-cooperation-new-level-2021', 'Defence Cooperation at the New Level'),
    ('defense-cooperation-new-level-2021', 'Defense Cooperation at the New Level');
