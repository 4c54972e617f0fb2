-- The knowledge base as the five source documents give it, written in the project's own words.
-- One statement per record, grouped by the document that first names it; each record is followed
-- by its relations. Spans are [start, end) offsets in Unicode code points into the document's
-- text (the file named by the source), and each span statement names its passage by paragraph
-- and sentence (counting non-empty lines as paragraphs, from 1).
-- Foreign keys are checked at commit so that a span may precede the record it cites.
PRAGMA defer_foreign_keys = ON;

-- ==== Document 000_9fc6f53c7c6c8211.txt: Commentary on the February 2020 Japan-Vietnam defense consultation in Tokyo
INSERT INTO sources (id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, summary, note) VALUES
    ('consultation-tokyo-2020-commentary', 'Commentary on the February 2020 Japan-Vietnam defense consultation in Tokyo', NULL, NULL, '2020-02', 'late', 1,
     'Not printed. The text places the 21 February 2020 consultation in the previous week, so it appeared between 24 February and 1 March 2020.',
     '000_9fc6f53c7c6c8211.txt',
     'A column on the deputy-minister-level defense consultation held in Tokyo on 21 February 2020, set against the other Japan-Vietnam security activities of 2019-2020 and Vietnam''s 2020 ASEAN chairmanship.',
     'Untitled in the copy held; the title here is descriptive. Publisher and author are not named in the text (it is written as a regular column).');

-- Official: Nguyen Chi Vinh
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('nguyen-chi-vinh', 'Nguyen Chi Vinh', 'Nguyễn Chí Vịnh', 'VN',
    'Vietnamese deputy defense minister who co-chaired the February 2020 defense consultation in Tokyo.');
INSERT INTO official_aliases (official_id, alias) VALUES ('nguyen-chi-vinh', 'Nguyen Chi Vinh'), ('nguyen-chi-vinh', 'Nguyễn Chí Vịnh'), ('nguyen-chi-vinh', 'Vinh');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('nguyen-chi-vinh', 1, 'Deputy Minister of National Defence', 'Ministry of National Defence', 'VN', NULL, NULL, '2020-02-21', NULL);

-- Official: Yasunori Nishida
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('yasunori-nishida', 'Yasunori Nishida', NULL, 'JP',
    'Japanese defense official who co-chaired the February 2020 consultation with Nguyen Chi Vinh.');
INSERT INTO official_aliases (official_id, alias) VALUES ('yasunori-nishida', 'Nishida Yasunori'), ('yasunori-nishida', 'Yasunori Nishida');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('yasunori-nishida', 1, 'Deputy-minister-level defense official', 'Ministry of Defense', 'JP', NULL, NULL, '2020-02-21', 'The source names him only as the Japanese counterpart of Vietnam''s deputy defense minister.');

-- Official: Taro Kono
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('taro-kono', 'Taro Kono', NULL, 'JP',
    'Japanese defense minister in February 2020, when Nguyen Chi Vinh met him and invited him to visit Vietnam.');
INSERT INTO official_aliases (official_id, alias) VALUES ('taro-kono', 'Taro Kono'), ('taro-kono', 'Kono Taro'), ('taro-kono', 'Tarō Kōno'), ('taro-kono', 'Kōno Tarō');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('taro-kono', 1, 'Minister of Defense', 'Ministry of Defense', 'JP', NULL, NULL, '2020-02', NULL);

-- Event: Vietnam-Japan Defense Policy Dialogue (November 2019)
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('defense-policy-dialogue-2019', 'Vietnam-Japan Defense Policy Dialogue (November 2019)', 'dialogue', 'held', '2019-11', NULL, NULL,
     'Dated "last November" in an article of February 2020.',
     NULL, NULL,
     'A regular deputy-minister-level policy dialogue between the two defense establishments, held in November 2019.');
INSERT INTO event_countries (event_id, country) VALUES ('defense-policy-dialogue-2019', 'JP'), ('defense-policy-dialogue-2019', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('defense-policy-dialogue-2019', 'defense-policy');

-- Event: First joint coordination meeting on information security and law enforcement capacity
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('info-security-law-enforcement-meeting-2019', 'First joint coordination meeting on information security and law enforcement capacity', 'meeting', 'held', '2019-09', NULL, NULL,
     NULL,
     NULL, NULL,
     'The first bilateral coordination meeting in a newer area of cooperation: information security and law enforcement capacity.');
INSERT INTO event_countries (event_id, country) VALUES ('info-security-law-enforcement-meeting-2019', 'JP'), ('info-security-law-enforcement-meeting-2019', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('info-security-law-enforcement-meeting-2019', 'information-security'), ('info-security-law-enforcement-meeting-2019', 'law-enforcement');

-- Event: Second ARF workshop on maritime domain awareness, Tokyo
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('arf-maritime-domain-awareness-workshop-2020', 'Second ARF workshop on maritime domain awareness, Tokyo', 'workshop', 'held', '2020-02-20', NULL, NULL,
     NULL,
     'Tokyo', 'JP',
     'An ASEAN Regional Forum workshop co-chaired by Vietnam and Japan on international cooperation in maritime domain awareness, covering piracy, maritime terrorism and illegal fishing.');
INSERT INTO event_countries (event_id, country) VALUES ('arf-maritime-domain-awareness-workshop-2020', 'JP'), ('arf-maritime-domain-awareness-workshop-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('arf-maritime-domain-awareness-workshop-2020', 'maritime-domain-awareness'), ('arf-maritime-domain-awareness-workshop-2020', 'maritime-security'), ('arf-maritime-domain-awareness-workshop-2020', 'asean');

-- Event: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('defense-consultation-tokyo-2020', 'Japan-Vietnam deputy-minister defense consultation in Tokyo', 'consultation', 'held', '2020-02-21', NULL, NULL,
     NULL,
     'Tokyo', 'JP',
     'Deputy-minister-level consultation in which the two sides agreed to expand delegation exchanges, UN peacekeeping, cyber security, search and rescue and work on the legacies of war, and Vietnam briefed on its 2020 ASEAN calendar.');
INSERT INTO event_countries (event_id, country) VALUES ('defense-consultation-tokyo-2020', 'JP'), ('defense-consultation-tokyo-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('defense-consultation-tokyo-2020', 'defense-exchanges'), ('defense-consultation-tokyo-2020', 'peacekeeping'), ('defense-consultation-tokyo-2020', 'cyber-security'), ('defense-consultation-tokyo-2020', 'search-and-rescue'), ('defense-consultation-tokyo-2020', 'war-legacies'), ('defense-consultation-tokyo-2020', 'asean');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('defense-consultation-tokyo-2020', 'nguyen-chi-vinh', 'co-chair'), ('defense-consultation-tokyo-2020', 'yasunori-nishida', 'co-chair');

-- Event: Nguyen Chi Vinh meets defense minister Taro Kono
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('vinh-kono-meeting-2020', 'Nguyen Chi Vinh meets defense minister Taro Kono', 'meeting', 'held', '2020-02', NULL, NULL,
     'Held around the 21 February 2020 consultation; the day is not given.',
     NULL, 'JP',
     'On the margins of the February 2020 consultation Vinh met Japanese officials including the defense minister, whom he invited to visit Vietnam.');
INSERT INTO event_countries (event_id, country) VALUES ('vinh-kono-meeting-2020', 'JP'), ('vinh-kono-meeting-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('vinh-kono-meeting-2020', 'defense-exchanges');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('vinh-kono-meeting-2020', 'nguyen-chi-vinh', 'visiting deputy defense minister'), ('vinh-kono-meeting-2020', 'taro-kono', 'Japanese defense minister');

-- Event: Invitation for Japan's defense minister to visit Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('kono-vietnam-visit-invitation', 'Invitation for Japan''s defense minister to visit Vietnam', 'visit', 'proposed', NULL, NULL, NULL,
     'Invitation extended in February 2020; no date for the visit is given.',
     NULL, 'VN',
     'An official visit to Vietnam proposed to Taro Kono by Nguyen Chi Vinh.');
INSERT INTO event_countries (event_id, country) VALUES ('kono-vietnam-visit-invitation', 'JP'), ('kono-vietnam-visit-invitation', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('kono-vietnam-visit-invitation', 'defense-exchanges');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('kono-vietnam-visit-invitation', 'taro-kono', 'invited guest'), ('kono-vietnam-visit-invitation', 'nguyen-chi-vinh', 'extended the invitation');

-- Event: ASEAN Defence Ministers' Meeting 2020 hosted by Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('admm-2020', 'ASEAN Defence Ministers'' Meeting 2020 hosted by Vietnam', 'meeting', 'planned', '2020', NULL, NULL,
     'Planned for 2020, Vietnam''s year as ASEAN chair, as of February 2020.',
     NULL, 'VN',
     'One of the 2020 events Vietnam presented as ASEAN chair.');
INSERT INTO event_countries (event_id, country) VALUES ('admm-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('admm-2020', 'asean'), ('admm-2020', 'regional-security');

-- Event: 10th anniversary of ADMM-Plus
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('admm-plus-10th-anniversary-2020', '10th anniversary of ADMM-Plus', 'commemoration', 'planned', '2020', NULL, NULL,
     NULL,
     NULL, 'VN',
     'Marking ten years of the ADMM-Plus format, planned under Vietnam''s 2020 ASEAN chairmanship.');
INSERT INTO event_countries (event_id, country) VALUES ('admm-plus-10th-anniversary-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('admm-plus-10th-anniversary-2020', 'asean'), ('admm-plus-10th-anniversary-2020', 'regional-security');

-- Event: International defense equipment exhibition in Vietnam (2020)
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('defense-equipment-exhibition-2020', 'International defense equipment exhibition in Vietnam (2020)', 'exhibition', 'planned', '2020', NULL, NULL,
     NULL,
     NULL, 'VN',
     'An international exhibition of defense equipment among the 2020 events Vietnam planned.');
INSERT INTO event_countries (event_id, country) VALUES ('defense-equipment-exhibition-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('defense-equipment-exhibition-2020', 'defense-equipment');

-- Event: International conference on women and UN peacekeeping (2020)
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('women-peacekeeping-conference-2020', 'International conference on women and UN peacekeeping (2020)', 'conference', 'planned', '2020', NULL, NULL,
     NULL,
     NULL, 'VN',
     'A conference on the role of women in UN peacekeeping operations planned by Vietnam for 2020.');
INSERT INTO event_countries (event_id, country) VALUES ('women-peacekeeping-conference-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('women-peacekeeping-conference-2020', 'peacekeeping'), ('women-peacekeeping-conference-2020', 'women-peace-security');

-- Agreement: Japan-Vietnam Extensive Strategic Partnership
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('extensive-strategic-partnership', 'Japan-Vietnam Extensive Strategic Partnership', 'partnership', 'in-force', NULL, NULL,
     'In place in 2018 and 2020; when it began is not given. Raised to a comprehensive strategic partnership in late 2023.',
     'The broad strategic partnership within which the two countries built up their defense ties in the years before 2023.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('extensive-strategic-partnership', 'JP'), ('extensive-strategic-partnership', 'VN');

-- Spans into 000_9fc6f53c7c6c8211.txt
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nguyen-chi-vinh', 'consultation-tokyo-2020-commentary', 1235, 1398); -- para 4.2: Nguyen Chi Vinh
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nguyen-chi-vinh', 'consultation-tokyo-2020-commentary', 2268, 2409); -- para 7.2: Nguyen Chi Vinh
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('yasunori-nishida', 'consultation-tokyo-2020-commentary', 1235, 1398); -- para 4.2: Yasunori Nishida
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('taro-kono', 'consultation-tokyo-2020-commentary', 2268, 2409); -- para 7.2: Taro Kono
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-policy-dialogue-2019', 'consultation-tokyo-2020-commentary', 766, 1096); -- para 3.1: Vietnam-Japan Defense Policy Dialogue (November 2019)
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('info-security-law-enforcement-meeting-2019', 'consultation-tokyo-2020-commentary', 766, 1096); -- para 3.1: First joint coordination meeting on information security and law enforcement capacity
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('arf-maritime-domain-awareness-workshop-2020', 'consultation-tokyo-2020-commentary', 2410, 2814); -- para 7.3: Second ARF workshop on maritime domain awareness, Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-consultation-tokyo-2020', 'consultation-tokyo-2020-commentary', 0, 90); -- para 1.1: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-consultation-tokyo-2020', 'consultation-tokyo-2020-commentary', 1097, 1234); -- para 4.1: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-consultation-tokyo-2020', 'consultation-tokyo-2020-commentary', 1235, 1398); -- para 4.2: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-consultation-tokyo-2020', 'consultation-tokyo-2020-commentary', 1453, 1772); -- para 5.2: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-consultation-tokyo-2020', 'consultation-tokyo-2020-commentary', 1825, 2200); -- para 6.2: Japan-Vietnam deputy-minister defense consultation in Tokyo
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('vinh-kono-meeting-2020', 'consultation-tokyo-2020-commentary', 2268, 2409); -- para 7.2: Nguyen Chi Vinh meets defense minister Taro Kono
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kono-vietnam-visit-invitation', 'consultation-tokyo-2020-commentary', 2268, 2409); -- para 7.2: Invitation for Japan's defense minister to visit Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('admm-2020', 'consultation-tokyo-2020-commentary', 1825, 2200); -- para 6.2: ASEAN Defence Ministers' Meeting 2020 hosted by Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('admm-plus-10th-anniversary-2020', 'consultation-tokyo-2020-commentary', 1825, 2200); -- para 6.2: 10th anniversary of ADMM-Plus
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-equipment-exhibition-2020', 'consultation-tokyo-2020-commentary', 1825, 2200); -- para 6.2: International defense equipment exhibition in Vietnam (2020)
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('women-peacekeeping-conference-2020', 'consultation-tokyo-2020-commentary', 1825, 2200); -- para 6.2: International conference on women and UN peacekeeping (2020)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('extensive-strategic-partnership', 'consultation-tokyo-2020-commentary', 284, 765); -- para 2.1: Japan-Vietnam Extensive Strategic Partnership

-- ==== Document 001_86e24b610eaf7193.txt: Japan and Vietnam deepen security ties
INSERT INTO sources (id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, summary, note) VALUES
    ('deepen-security-ties-2021', 'Japan and Vietnam deepen security ties', NULL, NULL, '2021', 'late', 1,
     'Not printed. It reports the late-November 2021 ministers'' meeting as recent news, so it was written in late November or December 2021.',
     '001_86e24b610eaf7193.txt',
     'A news report on the November 2021 meeting of the two defense ministers, at which memoranda on cyber security and military medicine were signed and peacekeeping support was pledged.',
     'Publisher and author are not named in the text.');

-- Official: Phan Van Giang
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('phan-van-giang', 'Phan Van Giang', 'Phan Văn Giang', 'VN',
    'Vietnam''s defense minister and a general; met Japanese counterparts Kishi in 2021 and Kihara in 2024.');
INSERT INTO official_aliases (official_id, alias) VALUES ('phan-van-giang', 'Phan Van Giang'), ('phan-van-giang', 'Phan Văn Giang'), ('phan-van-giang', 'General Phan Van Giang'), ('phan-van-giang', 'Gen. Phan Van Giang'), ('phan-van-giang', 'Giang');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('phan-van-giang', 1, 'Minister of National Defence', 'Ministry of National Defence', 'VN', NULL, NULL, '2021-09', 'A general; shown in office in September and November 2021 and in August 2024.');

-- Official: Nobuo Kishi
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('nobuo-kishi', 'Nobuo Kishi', NULL, 'JP',
    'Japan''s defense minister from 2020; visited Vietnam in September 2021 and met Phan Van Giang again in November 2021.');
INSERT INTO official_aliases (official_id, alias) VALUES ('nobuo-kishi', 'Nobuo Kishi'), ('nobuo-kishi', 'Kishi Nobuo'), ('nobuo-kishi', 'Kishi');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('nobuo-kishi', 1, 'Minister of Defense', 'Ministry of Defense', 'JP', '2020', NULL, '2021-11', 'Took office in 2020 (the year before his September 2021 visit to Vietnam, his first trip abroad in the post).');

-- Event: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('defense-ministers-meeting-2021-09', 'Kishi''s visit to Vietnam and defense ministers'' consultations, September 2021', 'visit', 'held', '2021-09', NULL, NULL,
     'The month comes from the late-2021 report; the 2021 analysis says the visit took place over a weekend.',
     NULL, 'VN',
     'Kishi''s first trip abroad as defense minister. The ministers signed the equipment and technology transfer agreement, set cooperation at a "new level" serving the region, and committed to memoranda on military medicine and cyber security.');
INSERT INTO event_countries (event_id, country) VALUES ('defense-ministers-meeting-2021-09', 'JP'), ('defense-ministers-meeting-2021-09', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('defense-ministers-meeting-2021-09', 'defense-equipment'), ('defense-ministers-meeting-2021-09', 'cyber-security'), ('defense-ministers-meeting-2021-09', 'military-medicine'), ('defense-ministers-meeting-2021-09', 'indo-pacific'), ('defense-ministers-meeting-2021-09', 'regional-security');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('defense-ministers-meeting-2021-09', 'nobuo-kishi', 'visiting Japanese defense minister'), ('defense-ministers-meeting-2021-09', 'phan-van-giang', 'Vietnamese defense minister');

-- Event: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('defense-ministers-meeting-2021-11', 'Defense ministers'' meeting of November 2021: cyber and medical memoranda', 'meeting', 'held', '2021-11', 'late', NULL,
     'The documents give late November 2021 without a day.',
     NULL, NULL,
     'The third consultation between the two ministers. They signed memoranda on cyber security and military medicine, backed a rules-based order and freedom of navigation, and Japan agreed to help Vietnam prepare for the UNISFA peacekeeping mission.');
INSERT INTO event_countries (event_id, country) VALUES ('defense-ministers-meeting-2021-11', 'JP'), ('defense-ministers-meeting-2021-11', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('defense-ministers-meeting-2021-11', 'cyber-security'), ('defense-ministers-meeting-2021-11', 'military-medicine'), ('defense-ministers-meeting-2021-11', 'peacekeeping'), ('defense-ministers-meeting-2021-11', 'rules-based-order'), ('defense-ministers-meeting-2021-11', 'freedom-of-navigation');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('defense-ministers-meeting-2021-11', 'phan-van-giang', 'Vietnamese defense minister'), ('defense-ministers-meeting-2021-11', 'nobuo-kishi', 'Japanese defense minister');

-- Event: Dispatch of Japanese experts to help Vietnam prepare for UNISFA
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('unisfa-experts-dispatch', 'Dispatch of Japanese experts to help Vietnam prepare for UNISFA', 'dispatch', 'planned', NULL, NULL, NULL,
     'Pledged in late November 2021; when the experts go is not given.',
     NULL, 'VN',
     'Japan undertook to send experts, mainly Ground Self-Defense Force personnel, to share knowledge as Vietnam prepares to join the UN mission in Abyei (UNISFA).');
INSERT INTO event_countries (event_id, country) VALUES ('unisfa-experts-dispatch', 'JP'), ('unisfa-experts-dispatch', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('unisfa-experts-dispatch', 'peacekeeping'), ('unisfa-experts-dispatch', 'training');

-- Agreement: Memorandum on cyber security cooperation
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('mou-cyber-security-2021', 'Memorandum on cyber security cooperation', 'memorandum', 'signed', '2021-11', 'late',
     NULL,
     'One of the two memoranda signed by the defense ministers in late November 2021, pledging closer cyber security ties.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('mou-cyber-security-2021', 'JP'), ('mou-cyber-security-2021', 'VN');
INSERT INTO agreement_signatories (agreement_id, official_id) VALUES ('mou-cyber-security-2021', 'phan-van-giang'), ('mou-cyber-security-2021', 'nobuo-kishi');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('defense-ministers-meeting-2021-11', 'mou-cyber-security-2021', 'signed'), ('defense-ministers-meeting-2021-09', 'mou-cyber-security-2021', 'discussed');

-- Agreement: Memorandum on military medicine cooperation
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('mou-military-medicine-2021', 'Memorandum on military medicine cooperation', 'memorandum', 'signed', '2021-11', 'late',
     NULL,
     'The second memorandum of late November 2021, on collaboration in military medicine.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('mou-military-medicine-2021', 'JP'), ('mou-military-medicine-2021', 'VN');
INSERT INTO agreement_signatories (agreement_id, official_id) VALUES ('mou-military-medicine-2021', 'phan-van-giang'), ('mou-military-medicine-2021', 'nobuo-kishi');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('defense-ministers-meeting-2021-11', 'mou-military-medicine-2021', 'signed'), ('defense-ministers-meeting-2021-09', 'mou-military-medicine-2021', 'discussed');

-- Agreement: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('defense-cooperation-new-level-2021', 'Japan-Vietnam Defence Cooperation at the New Level', 'framework', 'agreed', '2021-09', NULL,
     NULL,
     'The ministers'' redefinition of defense cooperation in September 2021 as serving not only the two countries but the peace and stability of the region and beyond.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('defense-cooperation-new-level-2021', 'JP'), ('defense-cooperation-new-level-2021', 'VN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('defense-ministers-meeting-2021-09', 'defense-cooperation-new-level-2021', 'adopted'), ('defense-ministers-meeting-2021-11', 'defense-cooperation-new-level-2021', 'referenced');

-- Spans into 001_86e24b610eaf7193.txt
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'deepen-security-ties-2021', 195, 456); -- para 3.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'deepen-security-ties-2021', 1942, 2069); -- para 8.2: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'deepen-security-ties-2021', 2274, 2499); -- para 9.2: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'deepen-security-ties-2021', 2501, 2689); -- para 10.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'deepen-security-ties-2021', 195, 456); -- para 3.1: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'deepen-security-ties-2021', 2071, 2273); -- para 9.1: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'deepen-security-ties-2021', 2274, 2499); -- para 9.2: Nobuo Kishi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'deepen-security-ties-2021', 458, 624); -- para 4.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'deepen-security-ties-2021', 626, 990); -- para 5.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'deepen-security-ties-2021', 1744, 1941); -- para 8.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 40, 193); -- para 2.1: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 195, 456); -- para 3.1: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 458, 624); -- para 4.1: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 1162, 1401); -- para 6.1: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 1942, 2069); -- para 8.2: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-11', 'deepen-security-ties-2021', 2274, 2499); -- para 9.2: Defense ministers' meeting of November 2021: cyber and medical memoranda
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('unisfa-experts-dispatch', 'deepen-security-ties-2021', 1942, 2069); -- para 8.2: Dispatch of Japanese experts to help Vietnam prepare for UNISFA
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('unisfa-experts-dispatch', 'deepen-security-ties-2021', 2274, 2499); -- para 9.2: Dispatch of Japanese experts to help Vietnam prepare for UNISFA
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-cyber-security-2021', 'deepen-security-ties-2021', 40, 193); -- para 2.1: Memorandum on cyber security cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-cyber-security-2021', 'deepen-security-ties-2021', 195, 456); -- para 3.1: Memorandum on cyber security cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-military-medicine-2021', 'deepen-security-ties-2021', 40, 193); -- para 2.1: Memorandum on military medicine cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-military-medicine-2021', 'deepen-security-ties-2021', 195, 456); -- para 3.1: Memorandum on military medicine cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'deepen-security-ties-2021', 626, 990); -- para 5.1: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'deepen-security-ties-2021', 991, 1160); -- para 5.2: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'deepen-security-ties-2021', 1403, 1708); -- para 7.1: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'deepen-security-ties-2021', 2501, 2689); -- para 10.1: Japan-Vietnam Defence Cooperation at the New Level

-- ==== Document 002_e5dfeaf643dbb0f8.txt: Japan and Vietnam bolster defense relations amid shared maritime concerns
INSERT INTO sources (id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, summary, note) VALUES
    ('bolstering-defense-relations-2024', 'Japan and Vietnam bolster defense relations amid shared maritime concerns', NULL, NULL, '2024', NULL, 1,
     'Not printed. It reports the early-August 2024 ministers'' meeting in Hanoi as recent, so it appeared in 2024 after that meeting.',
     '002_e5dfeaf643dbb0f8.txt',
     'A report on the August 2024 Hanoi meeting of Japan''s and Vietnam''s defense ministers, the first equipment transfer under the 2021 agreement, and both countries'' maritime disputes with China.',
     'Untitled in the copy held; the title here is descriptive. The text cites Vietnam''s Defense Ministry and the People''s Army Newspaper; its own publisher is not named.');

-- Official: Minoru Kihara
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('minoru-kihara', 'Minoru Kihara', NULL, 'JP',
    'Japan''s defense minister at the August 2024 meeting with Phan Van Giang in Hanoi.');
INSERT INTO official_aliases (official_id, alias) VALUES ('minoru-kihara', 'Minoru Kihara'), ('minoru-kihara', 'Kihara Minoru'), ('minoru-kihara', 'Kihara');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('minoru-kihara', 1, 'Minister of Defense', 'Ministry of Defense', 'JP', NULL, NULL, '2024-08', NULL);

-- Event: Japan and Vietnam sign a comprehensive strategic partnership
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('comprehensive-strategic-partnership-2023', 'Japan and Vietnam sign a comprehensive strategic partnership', 'signing', 'held', '2023', 'late', NULL,
     'Dated only as late 2023.',
     NULL, NULL,
     'The upgrade of bilateral ties to a comprehensive strategic partnership, the starting point the 2024 report measures defense progress from.');
INSERT INTO event_countries (event_id, country) VALUES ('comprehensive-strategic-partnership-2023', 'JP'), ('comprehensive-strategic-partnership-2023', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('comprehensive-strategic-partnership-2023', 'strategic-partnership');

-- Event: Kihara and Giang meet in Hanoi
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('kihara-giang-meeting-hanoi-2024', 'Kihara and Giang meet in Hanoi', 'meeting', 'held', '2024-08', 'early', NULL,
     'Early August 2024; the day is not given.',
     'Hanoi', 'VN',
     'The ministers pledged more bilateral engagement, welcomed the first equipment transfer under the 2021 agreement, and Giang restated Vietnam''s position on settling South China Sea disputes under international law.');
INSERT INTO event_countries (event_id, country) VALUES ('kihara-giang-meeting-hanoi-2024', 'JP'), ('kihara-giang-meeting-hanoi-2024', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('kihara-giang-meeting-hanoi-2024', 'war-legacies'), ('kihara-giang-meeting-hanoi-2024', 'training'), ('kihara-giang-meeting-hanoi-2024', 'military-medicine'), ('kihara-giang-meeting-hanoi-2024', 'search-and-rescue'), ('kihara-giang-meeting-hanoi-2024', 'peacekeeping'), ('kihara-giang-meeting-hanoi-2024', 'defense-equipment'), ('kihara-giang-meeting-hanoi-2024', 'south-china-sea'), ('kihara-giang-meeting-hanoi-2024', 'asean');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('kihara-giang-meeting-hanoi-2024', 'minoru-kihara', 'Japanese defense minister'), ('kihara-giang-meeting-hanoi-2024', 'phan-van-giang', 'Vietnamese defense minister');

-- Event: Japan transfers two search and rescue vehicles to Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('sar-vehicles-transfer-2024', 'Japan transfers two search and rescue vehicles to Vietnam', 'transfer', 'held', '2024', NULL, NULL,
     'Welcomed at the early-August 2024 meeting; the handover date is not given.',
     NULL, 'VN',
     'The first transfer carried out under the 2021 defense equipment and technology transfer agreement.');
INSERT INTO event_countries (event_id, country) VALUES ('sar-vehicles-transfer-2024', 'JP'), ('sar-vehicles-transfer-2024', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('sar-vehicles-transfer-2024', 'defense-equipment'), ('sar-vehicles-transfer-2024', 'search-and-rescue');

-- Event: Deputy-minister defense policy dialogue (recurring)
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('deputy-minister-policy-dialogue', 'Deputy-minister defense policy dialogue (recurring)', 'dialogue', 'held', NULL, NULL, NULL,
     'A standing mechanism; no particular session is dated in the 2024 report.',
     NULL, NULL,
     'The regular deputy-minister-level defense policy dialogue between Hanoi and Tokyo.');
INSERT INTO event_countries (event_id, country) VALUES ('deputy-minister-policy-dialogue', 'JP'), ('deputy-minister-policy-dialogue', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('deputy-minister-policy-dialogue', 'defense-policy');

-- Event: Air force, army and navy staff consultations (recurring)
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('service-staff-consultations', 'Air force, army and navy staff consultations (recurring)', 'consultation', 'held', NULL, NULL, NULL,
     'A standing mechanism; no particular session is dated.',
     NULL, NULL,
     'Regular consultations between officers of the two countries'' air forces, armies and navies.');
INSERT INTO event_countries (event_id, country) VALUES ('service-staff-consultations', 'JP'), ('service-staff-consultations', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('service-staff-consultations', 'defense-exchanges');

-- Event: China presses Vietnam to halt oil drilling in its EEZ
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('prc-oil-drilling-pressure-2017', 'China presses Vietnam to halt oil drilling in its EEZ', 'incident', 'held', '2017', NULL, NULL,
     NULL,
     'South China Sea', NULL,
     'Chinese pressure made Vietnam stop an oil drilling project inside its exclusive economic zone, at a cost of over one billion dollars in penalties.');
INSERT INTO event_countries (event_id, country) VALUES ('prc-oil-drilling-pressure-2017', 'CN'), ('prc-oil-drilling-pressure-2017', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('prc-oil-drilling-pressure-2017', 'south-china-sea'), ('prc-oil-drilling-pressure-2017', 'maritime-security');

-- Agreement: Japan-Vietnam Defense Equipment and Technology Transfer Agreement
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('defense-equipment-technology-transfer-2021', 'Japan-Vietnam Defense Equipment and Technology Transfer Agreement', 'agreement', 'in-force', '2021-09', NULL,
     'Signed during Kishi''s September 2021 visit; the signatories are not named.',
     'The pact opening the way to transfers of specific Japanese equipment such as vessels; its first transfer, two search and rescue vehicles, came in 2024.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('defense-equipment-technology-transfer-2021', 'JP'), ('defense-equipment-technology-transfer-2021', 'VN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('suga-vietnam-visit-2020', 'defense-equipment-technology-transfer-2021', 'discussed'), ('defense-ministers-meeting-2021-09', 'defense-equipment-technology-transfer-2021', 'signed'), ('sar-vehicles-transfer-2024', 'defense-equipment-technology-transfer-2021', 'implemented'), ('kihara-giang-meeting-hanoi-2024', 'defense-equipment-technology-transfer-2021', 'discussed');

-- Agreement: Japan-Vietnam Comprehensive Strategic Partnership
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('comprehensive-strategic-partnership', 'Japan-Vietnam Comprehensive Strategic Partnership', 'partnership', 'in-force', '2023', 'late',
     NULL,
     'The comprehensive strategic partnership signed in late 2023, the framework for the defense ties reported in 2024.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('comprehensive-strategic-partnership', 'JP'), ('comprehensive-strategic-partnership', 'VN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('comprehensive-strategic-partnership-2023', 'comprehensive-strategic-partnership', 'signed');

-- Agreement: 2023 understanding to expand cyber, training and equipment cooperation
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('defense-cooperation-expansion-2023', '2023 understanding to expand cyber, training and equipment cooperation', 'agreement', 'agreed', '2023', NULL,
     'The document gives only the year; it may be part of the late-2023 partnership.',
     'Japan and Vietnam agreed during 2023 to widen cooperation in cybersecurity, military training and transfers of defense equipment.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('defense-cooperation-expansion-2023', 'JP'), ('defense-cooperation-expansion-2023', 'VN');

-- Agreement: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('free-and-open-indo-pacific', 'Free and Open Indo-Pacific (Japan''s vision)', 'vision', 'adopted', NULL, NULL,
     'Traced in the 2018 article to Shinzo Abe''s first term (2006-2007); no adoption date is given.',
     'Japan''s Indo-Pacific vision, which Japan promotes with Southeast Asian partners and which Vietnam has received with some openness; in 2021 linked to ASEAN''s own outlook.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('free-and-open-indo-pacific', 'JP');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('lich-onodera-talks-2018', 'free-and-open-indo-pacific', 'referenced'), ('defense-ministers-meeting-2021-09', 'free-and-open-indo-pacific', 'referenced');

-- Agreement: Japan's National Defense Strategy
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('japan-national-defense-strategy', 'Japan''s National Defense Strategy', 'strategy', 'adopted', '2023', 'late',
     'Resolved from the minister''s "end of last year" in remarks reported in 2024. Japan''s strategy of that name is usually dated December 2022, so the remark may have been made earlier than reported.',
     'The Japanese strategy Kihara cited on the need to strengthen security cooperation with as many countries as possible.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('japan-national-defense-strategy', 'JP');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('kihara-giang-meeting-hanoi-2024', 'japan-national-defense-strategy', 'referenced');

-- Agreement: United Nations Convention on the Law of the Sea
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('unclos', 'United Nations Convention on the Law of the Sea', 'convention', 'in-force', NULL, NULL,
     NULL,
     'The convention Vietnam cites as the legal basis for settling maritime disputes peacefully.');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('kihara-giang-meeting-hanoi-2024', 'unclos', 'referenced');

-- Agreement: Declaration on the Conduct of Parties in the South China Sea
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('declaration-on-conduct-south-china-sea', 'Declaration on the Conduct of Parties in the South China Sea', 'declaration', 'signed', '2002', NULL,
     NULL,
     'The 2002 declaration between ASEAN and China that Vietnam invokes alongside UNCLOS.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('declaration-on-conduct-south-china-sea', 'ASEAN'), ('declaration-on-conduct-south-china-sea', 'CN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('kihara-giang-meeting-hanoi-2024', 'declaration-on-conduct-south-china-sea', 'referenced');

-- Agreement: Code of Conduct in the South China Sea
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('south-china-sea-code-of-conduct', 'Code of Conduct in the South China Sea', 'code-of-conduct', 'under-negotiation', NULL, NULL,
     NULL,
     'The code of conduct under negotiation between ASEAN and China, which Vietnam wants to be substantive and effective.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('south-china-sea-code-of-conduct', 'ASEAN'), ('south-china-sea-code-of-conduct', 'CN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('kihara-giang-meeting-hanoi-2024', 'south-china-sea-code-of-conduct', 'discussed');

-- Spans into 002_e5dfeaf643dbb0f8.txt
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'bolstering-defense-relations-2024', 361, 582); -- para 2.2 to 2.3: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'bolstering-defense-relations-2024', 1097, 1262); -- para 4.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'bolstering-defense-relations-2024', 1609, 1828); -- para 6.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'bolstering-defense-relations-2024', 3091, 3269); -- para 12.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'bolstering-defense-relations-2024', 3458, 3618); -- para 13.1: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('minoru-kihara', 'bolstering-defense-relations-2024', 361, 582); -- para 2.2 to 2.3: Minoru Kihara
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('minoru-kihara', 'bolstering-defense-relations-2024', 887, 899); -- para 3.2: Minoru Kihara
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('minoru-kihara', 'bolstering-defense-relations-2024', 1609, 1828); -- para 6.1: Minoru Kihara
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('minoru-kihara', 'bolstering-defense-relations-2024', 1981, 2089); -- para 7.2: Minoru Kihara
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('comprehensive-strategic-partnership-2023', 'bolstering-defense-relations-2024', 184, 360); -- para 2.1: Japan and Vietnam sign a comprehensive strategic partnership
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 361, 582); -- para 2.2 to 2.3: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 583, 899); -- para 3.1 to 3.2: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 1097, 1262); -- para 4.1: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 1609, 1828); -- para 6.1: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 1829, 2089); -- para 7.1 to 7.2: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 3091, 3269); -- para 12.1: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('kihara-giang-meeting-hanoi-2024', 'bolstering-defense-relations-2024', 3458, 3618); -- para 13.1: Kihara and Giang meet in Hanoi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('sar-vehicles-transfer-2024', 'bolstering-defense-relations-2024', 184, 360); -- para 2.1: Japan transfers two search and rescue vehicles to Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('sar-vehicles-transfer-2024', 'bolstering-defense-relations-2024', 1609, 1828); -- para 6.1: Japan transfers two search and rescue vehicles to Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('deputy-minister-policy-dialogue', 'bolstering-defense-relations-2024', 1470, 1608); -- para 5.2: Deputy-minister defense policy dialogue (recurring)
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('service-staff-consultations', 'bolstering-defense-relations-2024', 1470, 1608); -- para 5.2: Air force, army and navy staff consultations (recurring)
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('prc-oil-drilling-pressure-2017', 'bolstering-defense-relations-2024', 2660, 2827); -- para 10.2: China presses Vietnam to halt oil drilling in its EEZ
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-equipment-technology-transfer-2021', 'bolstering-defense-relations-2024', 1609, 1828); -- para 6.1: Japan-Vietnam Defense Equipment and Technology Transfer Agreement
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('comprehensive-strategic-partnership', 'bolstering-defense-relations-2024', 184, 360); -- para 2.1: Japan-Vietnam Comprehensive Strategic Partnership
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('comprehensive-strategic-partnership', 'bolstering-defense-relations-2024', 1097, 1262); -- para 4.1: Japan-Vietnam Comprehensive Strategic Partnership
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-expansion-2023', 'bolstering-defense-relations-2024', 2828, 2952); -- para 11.1: 2023 understanding to expand cyber, training and equipment cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('free-and-open-indo-pacific', 'bolstering-defense-relations-2024', 2953, 3090); -- para 11.2: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('japan-national-defense-strategy', 'bolstering-defense-relations-2024', 583, 899); -- para 3.1 to 3.2: Japan's National Defense Strategy
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('unclos', 'bolstering-defense-relations-2024', 3091, 3457); -- para 12.1 to 12.2: United Nations Convention on the Law of the Sea
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('declaration-on-conduct-south-china-sea', 'bolstering-defense-relations-2024', 3270, 3457); -- para 12.2: Declaration on the Conduct of Parties in the South China Sea
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('south-china-sea-code-of-conduct', 'bolstering-defense-relations-2024', 3458, 3618); -- para 13.1: Code of Conduct in the South China Sea

-- ==== Document 003_ec8f23002606b819.txt: Japan-Vietnam Defense Relations in the Indo-Pacific Spotlight
INSERT INTO sources (id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, summary, note) VALUES
    ('indo-pacific-spotlight-2018', 'Japan-Vietnam Defense Relations in the Indo-Pacific Spotlight', 'The Diplomat', 'Prashanth Parameswaran', '2018-04-11', NULL, 0,
     NULL,
     '003_ec8f23002606b819.txt',
     'An analysis of Vietnamese defense minister Ngo Xuan Lich''s April 2018 official visit to Japan, the joint vision statement signed there, and how the relationship fits the Indo-Pacific debate.',
     'Author and date are printed. The publisher is inferred: the same author writes for The Diplomat (see the 2021 article) and the text refers to earlier pieces in the same pages.');

-- Official: Ngo Xuan Lich
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('ngo-xuan-lich', 'Ngo Xuan Lich', 'Ngô Xuân Lịch', 'VN',
    'Vietnam''s defense minister who paid an official visit to Japan on 7-11 April 2018 and signed a joint vision statement there.');
INSERT INTO official_aliases (official_id, alias) VALUES ('ngo-xuan-lich', 'Ngo Xuan Lich'), ('ngo-xuan-lich', 'Ngô Xuân Lịch'), ('ngo-xuan-lich', 'Lich');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('ngo-xuan-lich', 1, 'Minister of National Defence', 'Ministry of National Defence', 'VN', NULL, NULL, '2018-04', 'Also in the post at the 2017 ASEAN defense meetings in Manila.');

-- Official: Itsunori Onodera
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('itsunori-onodera', 'Itsunori Onodera', NULL, 'JP',
    'Japan''s defense minister who hosted Ngo Xuan Lich in April 2018 and signed the joint vision statement with him.');
INSERT INTO official_aliases (official_id, alias) VALUES ('itsunori-onodera', 'Itsunori Onodera'), ('itsunori-onodera', 'Onodera Itsunori'), ('itsunori-onodera', 'Onodera');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('itsunori-onodera', 1, 'Minister of Defense', 'Ministry of Defense', 'JP', NULL, NULL, '2018-04', 'Also in the post at the 2017 ASEAN defense meetings in Manila.');

-- Official: Shinzo Abe
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('shinzo-abe', 'Shinzo Abe', NULL, 'JP',
    'Japanese prime minister (first term 2006-2007, again in 2018) with whom Ngo Xuan Lich met in April 2018; the Indo-Pacific idea is traced to his first term.');
INSERT INTO official_aliases (official_id, alias) VALUES ('shinzo-abe', 'Shinzo Abe'), ('shinzo-abe', 'Abe Shinzo'), ('shinzo-abe', 'Shinzō Abe'), ('shinzo-abe', 'Abe Shinzō');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('shinzo-abe', 1, 'Prime Minister', 'Government of Japan', 'JP', '2006', '2007', NULL, 'His first term.');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('shinzo-abe', 2, 'Prime Minister', 'Government of Japan', 'JP', NULL, NULL, '2018-04', 'In office when he met Ngo Xuan Lich.');

-- Official: Tran Dai Quang
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('tran-dai-quang', 'Tran Dai Quang', 'Trần Đại Quang', 'VN',
    'Vietnam''s president, whose trip to India in early 2018 the 2018 article lists among Vietnam''s outreach to major powers.');
INSERT INTO official_aliases (official_id, alias) VALUES ('tran-dai-quang', 'Tran Dai Quang'), ('tran-dai-quang', 'Trần Đại Quang');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('tran-dai-quang', 1, 'President', 'Socialist Republic of Vietnam', 'VN', NULL, NULL, '2018', NULL);

-- Official: Donald Trump
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('donald-trump', 'Donald Trump', NULL, 'US',
    'U.S. president whose administration promoted a Free and Open Indo-Pacific Strategy.');
INSERT INTO official_aliases (official_id, alias) VALUES ('donald-trump', 'Donald Trump'), ('donald-trump', 'Trump');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('donald-trump', 1, 'President', 'United States', 'US', NULL, NULL, '2018', NULL);

-- Event: ASEAN defense meetings in Manila
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('asean-defense-meetings-manila-2017', 'ASEAN defense meetings in Manila', 'meeting', 'held', '2017', NULL, NULL,
     'Year inferred: the 2018 article refers to them as the recent ASEAN defense meetings in the Philippines, before April 2018.',
     'Manila', 'PH',
     'The ASEAN defense ministers'' meetings hosted in Manila, on whose sidelines many bilateral meetings took place.');
INSERT INTO event_countries (event_id, country) VALUES ('asean-defense-meetings-manila-2017', 'PH'), ('asean-defense-meetings-manila-2017', 'JP'), ('asean-defense-meetings-manila-2017', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('asean-defense-meetings-manila-2017', 'asean'), ('asean-defense-meetings-manila-2017', 'regional-security');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('asean-defense-meetings-manila-2017', 'ngo-xuan-lich', 'Vietnamese defense minister'), ('asean-defense-meetings-manila-2017', 'itsunori-onodera', 'Japanese defense minister');

-- Event: Lich and Onodera meet on the sidelines in Manila
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('lich-onodera-manila-talks-2017', 'Lich and Onodera meet on the sidelines in Manila', 'meeting', 'held', '2017', NULL, NULL,
     'Year inferred, as for the Manila meetings themselves.',
     'Manila', 'PH',
     'The two ministers discussed maritime security assistance, naval drills, port calls, coast guard cooperation and defense equipment on the sidelines of the ASEAN meetings.');
INSERT INTO event_countries (event_id, country) VALUES ('lich-onodera-manila-talks-2017', 'JP'), ('lich-onodera-manila-talks-2017', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('lich-onodera-manila-talks-2017', 'maritime-security'), ('lich-onodera-manila-talks-2017', 'defense-equipment');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('lich-onodera-manila-talks-2017', 'ngo-xuan-lich', 'Vietnamese defense minister'), ('lich-onodera-manila-talks-2017', 'itsunori-onodera', 'Japanese defense minister');

-- Event: New Japan-Vietnam naval drills
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('naval-drills-before-2018', 'New Japan-Vietnam naval drills', 'exercise', 'held', NULL, NULL, NULL,
     'In the years before 2018; not dated.',
     NULL, NULL,
     'Naval exercises the 2018 article lists among recent developments.');
INSERT INTO event_countries (event_id, country) VALUES ('naval-drills-before-2018', 'JP'), ('naval-drills-before-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('naval-drills-before-2018', 'maritime-security');

-- Event: Japanese port calls in Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('japanese-port-calls-before-2018', 'Japanese port calls in Vietnam', 'port-call', 'held', NULL, NULL, NULL,
     'In the years before 2018; not dated.',
     NULL, 'VN',
     'Visits by Japanese ships to Vietnamese ports, counted among recent developments.');
INSERT INTO event_countries (event_id, country) VALUES ('japanese-port-calls-before-2018', 'JP'), ('japanese-port-calls-before-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('japanese-port-calls-before-2018', 'maritime-security');

-- Event: 45th anniversary of Japan-Vietnam diplomatic relations
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('diplomatic-relations-45th-anniversary-2018', '45th anniversary of Japan-Vietnam diplomatic relations', 'commemoration', 'held', '2018', NULL, NULL,
     NULL,
     NULL, NULL,
     'Both countries marked 45 years of diplomatic relations through 2018.');
INSERT INTO event_countries (event_id, country) VALUES ('diplomatic-relations-45th-anniversary-2018', 'JP'), ('diplomatic-relations-45th-anniversary-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('diplomatic-relations-45th-anniversary-2018', 'diplomatic-relations');

-- Event: Ngo Xuan Lich's official visit to Japan
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('lich-official-visit-japan-2018', 'Ngo Xuan Lich''s official visit to Japan', 'visit', 'held', '2018-04-07', NULL, '2018-04-11',
     NULL,
     NULL, 'JP',
     'A five-day official visit in which Lich met Onodera and Prime Minister Abe and signed a joint vision statement for the next decade of defense ties.');
INSERT INTO event_countries (event_id, country) VALUES ('lich-official-visit-japan-2018', 'JP'), ('lich-official-visit-japan-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('lich-official-visit-japan-2018', 'search-and-rescue'), ('lich-official-visit-japan-2018', 'peacekeeping'), ('lich-official-visit-japan-2018', 'hadr'), ('lich-official-visit-japan-2018', 'maritime-security'), ('lich-official-visit-japan-2018', 'cyber-security'), ('lich-official-visit-japan-2018', 'south-china-sea'), ('lich-official-visit-japan-2018', 'indo-pacific');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('lich-official-visit-japan-2018', 'ngo-xuan-lich', 'visiting Vietnamese defense minister'), ('lich-official-visit-japan-2018', 'itsunori-onodera', 'host, Japanese defense minister'), ('lich-official-visit-japan-2018', 'shinzo-abe', 'Japanese prime minister');

-- Event: Lich and Onodera sign a joint vision statement in Japan
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('lich-onodera-talks-2018', 'Lich and Onodera sign a joint vision statement in Japan', 'meeting', 'held', '2018-04', NULL, NULL,
     'During the 7-11 April 2018 visit; the day is not given.',
     NULL, 'JP',
     'The ministers signed the Joint Vision Statement, discussed cooperation areas from search and rescue to cyber security, and talked about the South China Sea, the Vientiane Vision and the Free and Open Indo-Pacific.');
INSERT INTO event_countries (event_id, country) VALUES ('lich-onodera-talks-2018', 'JP'), ('lich-onodera-talks-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('lich-onodera-talks-2018', 'search-and-rescue'), ('lich-onodera-talks-2018', 'peacekeeping'), ('lich-onodera-talks-2018', 'hadr'), ('lich-onodera-talks-2018', 'maritime-security'), ('lich-onodera-talks-2018', 'cyber-security'), ('lich-onodera-talks-2018', 'south-china-sea'), ('lich-onodera-talks-2018', 'indo-pacific');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('lich-onodera-talks-2018', 'ngo-xuan-lich', 'Vietnamese defense minister'), ('lich-onodera-talks-2018', 'itsunori-onodera', 'Japanese defense minister');

-- Event: Lich meets Prime Minister Shinzo Abe
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('lich-abe-meeting-2018', 'Lich meets Prime Minister Shinzo Abe', 'meeting', 'held', '2018-04', NULL, NULL,
     'During the 7-11 April 2018 visit; the day is not given.',
     NULL, 'JP',
     'A call on the Japanese prime minister during Lich''s visit, a sign of the weight Tokyo gives the relationship.');
INSERT INTO event_countries (event_id, country) VALUES ('lich-abe-meeting-2018', 'JP'), ('lich-abe-meeting-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('lich-abe-meeting-2018', 'defense-exchanges');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('lich-abe-meeting-2018', 'ngo-xuan-lich', 'visiting Vietnamese defense minister'), ('lich-abe-meeting-2018', 'shinzo-abe', 'Japanese prime minister');

-- Event: President Tran Dai Quang visits India
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('tran-dai-quang-india-visit-2018', 'President Tran Dai Quang visits India', 'visit', 'held', '2018', NULL, NULL,
     'Shortly before April 2018; no closer date is given.',
     NULL, 'IN',
     'A trip by Vietnam''s president among the country''s contacts with major powers in early 2018.');
INSERT INTO event_countries (event_id, country) VALUES ('tran-dai-quang-india-visit-2018', 'IN'), ('tran-dai-quang-india-visit-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('tran-dai-quang-india-visit-2018', 'regional-security');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('tran-dai-quang-india-visit-2018', 'tran-dai-quang', 'Vietnamese president');

-- Event: First U.S. aircraft carrier visit to Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('us-carrier-visit-vietnam-2018', 'First U.S. aircraft carrier visit to Vietnam', 'port-call', 'held', '2018', NULL, NULL,
     'Shortly before April 2018; no closer date is given.',
     NULL, 'VN',
     'A historic port visit by a U.S. aircraft carrier, listed among Vietnam''s early-2018 engagements with major powers.');
INSERT INTO event_countries (event_id, country) VALUES ('us-carrier-visit-vietnam-2018', 'US'), ('us-carrier-visit-vietnam-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('us-carrier-visit-vietnam-2018', 'maritime-security');

-- Event: Ngo Xuan Lich visits Russia
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('lich-russia-visit-2018', 'Ngo Xuan Lich visits Russia', 'visit', 'held', '2018', NULL, NULL,
     'Described as recent in April 2018; no closer date is given.',
     NULL, 'RU',
     'A less publicised trip by Vietnam''s defense minister to Russia shortly before his Japan visit.');
INSERT INTO event_countries (event_id, country) VALUES ('lich-russia-visit-2018', 'RU'), ('lich-russia-visit-2018', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('lich-russia-visit-2018', 'defense-exchanges');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('lich-russia-visit-2018', 'ngo-xuan-lich', 'Vietnamese defense minister');

-- Agreement: Japan-Vietnam Joint Vision Statement on defense cooperation
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('joint-vision-statement-2018', 'Japan-Vietnam Joint Vision Statement on defense cooperation', 'joint-statement', 'signed', '2018-04', NULL,
     'Signed during the 7-11 April 2018 visit.',
     'A statement signed by the two defense ministers setting general areas of defense cooperation for the following decade; few details were published.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('joint-vision-statement-2018', 'JP'), ('joint-vision-statement-2018', 'VN');
INSERT INTO agreement_signatories (agreement_id, official_id) VALUES ('joint-vision-statement-2018', 'ngo-xuan-lich'), ('joint-vision-statement-2018', 'itsunori-onodera');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('lich-onodera-talks-2018', 'joint-vision-statement-2018', 'signed');

-- Agreement: Japan-Vietnam agreement on coast guard cooperation
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('coast-guard-cooperation-agreement', 'Japan-Vietnam agreement on coast guard cooperation', 'agreement', 'signed', NULL, NULL,
     'Listed among developments of the years before 2018; not dated.',
     'An agreement on cooperation between coast guards, among the recent developments the 2018 article lists.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('coast-guard-cooperation-agreement', 'JP'), ('coast-guard-cooperation-agreement', 'VN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('lich-onodera-manila-talks-2017', 'coast-guard-cooperation-agreement', 'discussed');

-- Agreement: Free and Open Indo-Pacific Strategy (United States)
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('us-free-and-open-indo-pacific-strategy', 'Free and Open Indo-Pacific Strategy (United States)', 'strategy', 'adopted', NULL, NULL,
     'The Trump administration''s strategy as of 2018; no date is given.',
     'The U.S. strategy of the Trump administration, part of its wider Asia policy.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('us-free-and-open-indo-pacific-strategy', 'US');

-- Agreement: Quad (United States, Japan, Australia and India)
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('quad', 'Quad (United States, Japan, Australia and India)', 'grouping', 'active', NULL, NULL,
     NULL,
     'The four-country grouping mentioned as one of the initiatives advancing alongside the Indo-Pacific concept.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('quad', 'AU'), ('quad', 'IN'), ('quad', 'JP'), ('quad', 'US');

-- Agreement: Vientiane Vision
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('vientiane-vision', 'Vientiane Vision', 'initiative', 'adopted', NULL, NULL,
     NULL,
     'Japan''s signature approach to defense cooperation with ASEAN as a whole, including cyber security training.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('vientiane-vision', 'JP'), ('vientiane-vision', 'ASEAN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('lich-onodera-talks-2018', 'vientiane-vision', 'referenced'), ('defense-ministers-meeting-2021-09', 'vientiane-vision', 'referenced');

-- Spans into 003_ec8f23002606b819.txt
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 1670, 1963); -- para 7.2: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 2117, 2259); -- para 8.2: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 2260, 2717); -- para 8.3: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 3980, 4278); -- para 12.1: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('ngo-xuan-lich', 'indo-pacific-spotlight-2018', 5190, 5313); -- para 14.1: Ngo Xuan Lich
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('itsunori-onodera', 'indo-pacific-spotlight-2018', 1670, 1963); -- para 7.2: Itsunori Onodera
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('itsunori-onodera', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Itsunori Onodera
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('itsunori-onodera', 'indo-pacific-spotlight-2018', 3980, 4278); -- para 12.1: Itsunori Onodera
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('shinzo-abe', 'indo-pacific-spotlight-2018', 824, 1313); -- para 6.2 to 6.3: Shinzo Abe
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('shinzo-abe', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Shinzo Abe
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('tran-dai-quang', 'indo-pacific-spotlight-2018', 2260, 2717); -- para 8.3: Tran Dai Quang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('donald-trump', 'indo-pacific-spotlight-2018', 824, 1313); -- para 6.2 to 6.3: Donald Trump
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('donald-trump', 'indo-pacific-spotlight-2018', 4676, 4991); -- para 13.2: Donald Trump
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('asean-defense-meetings-manila-2017', 'indo-pacific-spotlight-2018', 1670, 1963); -- para 7.2: ASEAN defense meetings in Manila
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-onodera-manila-talks-2017', 'indo-pacific-spotlight-2018', 1670, 1963); -- para 7.2: Lich and Onodera meet on the sidelines in Manila
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('naval-drills-before-2018', 'indo-pacific-spotlight-2018', 1315, 1669); -- para 7.1: New Japan-Vietnam naval drills
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('japanese-port-calls-before-2018', 'indo-pacific-spotlight-2018', 1315, 1669); -- para 7.1: Japanese port calls in Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('diplomatic-relations-45th-anniversary-2018', 'indo-pacific-spotlight-2018', 1965, 2116); -- para 8.1: 45th anniversary of Japan-Vietnam diplomatic relations
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('diplomatic-relations-45th-anniversary-2018', 'indo-pacific-spotlight-2018', 5314, 5572); -- para 14.2: 45th anniversary of Japan-Vietnam diplomatic relations
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-official-visit-japan-2018', 'indo-pacific-spotlight-2018', 231, 401); -- para 5.1: Ngo Xuan Lich's official visit to Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-official-visit-japan-2018', 'indo-pacific-spotlight-2018', 2117, 2259); -- para 8.2: Ngo Xuan Lich's official visit to Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-official-visit-japan-2018', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Ngo Xuan Lich's official visit to Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-official-visit-japan-2018', 'indo-pacific-spotlight-2018', 4537, 4675); -- para 13.1: Ngo Xuan Lich's official visit to Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-official-visit-japan-2018', 'indo-pacific-spotlight-2018', 5190, 5313); -- para 14.1: Ngo Xuan Lich's official visit to Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-onodera-talks-2018', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Lich and Onodera sign a joint vision statement in Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-onodera-talks-2018', 'indo-pacific-spotlight-2018', 3179, 3932); -- para 10.1 to 10.4: Lich and Onodera sign a joint vision statement in Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-onodera-talks-2018', 'indo-pacific-spotlight-2018', 3980, 4278); -- para 12.1: Lich and Onodera sign a joint vision statement in Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-onodera-talks-2018', 'indo-pacific-spotlight-2018', 4279, 4535); -- para 12.2: Lich and Onodera sign a joint vision statement in Japan
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-abe-meeting-2018', 'indo-pacific-spotlight-2018', 2719, 2909); -- para 9.1: Lich meets Prime Minister Shinzo Abe
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('tran-dai-quang-india-visit-2018', 'indo-pacific-spotlight-2018', 2260, 2717); -- para 8.3: President Tran Dai Quang visits India
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('us-carrier-visit-vietnam-2018', 'indo-pacific-spotlight-2018', 2260, 2717); -- para 8.3: First U.S. aircraft carrier visit to Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('lich-russia-visit-2018', 'indo-pacific-spotlight-2018', 2260, 2717); -- para 8.3: Ngo Xuan Lich visits Russia
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('extensive-strategic-partnership', 'indo-pacific-spotlight-2018', 647, 823); -- para 6.1: Japan-Vietnam Extensive Strategic Partnership
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('joint-vision-statement-2018', 'indo-pacific-spotlight-2018', 3179, 3468); -- para 10.1: Japan-Vietnam Joint Vision Statement on defense cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('joint-vision-statement-2018', 'indo-pacific-spotlight-2018', 3469, 3646); -- para 10.2: Japan-Vietnam Joint Vision Statement on defense cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('coast-guard-cooperation-agreement', 'indo-pacific-spotlight-2018', 1315, 1669); -- para 7.1: Japan-Vietnam agreement on coast guard cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('free-and-open-indo-pacific', 'indo-pacific-spotlight-2018', 824, 1313); -- para 6.2 to 6.3: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('free-and-open-indo-pacific', 'indo-pacific-spotlight-2018', 4537, 4675); -- para 13.1: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('free-and-open-indo-pacific', 'indo-pacific-spotlight-2018', 4992, 5188); -- para 13.3: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('us-free-and-open-indo-pacific-strategy', 'indo-pacific-spotlight-2018', 4676, 4991); -- para 13.2: Free and Open Indo-Pacific Strategy (United States)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('quad', 'indo-pacific-spotlight-2018', 4676, 4991); -- para 13.2: Quad (United States, Japan, Australia and India)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('vientiane-vision', 'indo-pacific-spotlight-2018', 4279, 4535); -- para 12.2: Vientiane Vision
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('south-china-sea-code-of-conduct', 'indo-pacific-spotlight-2018', 3980, 4278); -- para 12.1: Code of Conduct in the South China Sea

-- ==== Document 004_e791793358b6a6dd.txt: What's in the Newly Regionalized Japan-Vietnam Defense Partnership?
INSERT INTO sources (id, title, publisher, author, date, date_qualifier, date_inferred, date_note, file_name, summary, note) VALUES
    ('regionalized-defense-partnership-2021', 'What''s in the Newly Regionalized Japan-Vietnam Defense Partnership?', 'The Diplomat', 'Prashanth Parameswaran', '2021-09', NULL, 1,
     'Not printed. It reports Kishi''s visit to Vietnam as having taken place over the weekend; that visit is the September 2021 ministers'' meeting (dated in the late-2021 report).',
     '004_e791793358b6a6dd.txt',
     'An analysis of Japanese defense minister Kishi Nobuo''s September 2021 visit to Vietnam: the signing of the defense equipment and technology transfer agreement and the "new level" of a more regional partnership.',
     'Author printed; the author note names him a Senior Columnist at The Diplomat.');

-- Official: Yoshihide Suga
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('yoshihide-suga', 'Yoshihide Suga', NULL, 'JP',
    'Japanese prime minister who visited Vietnam in October 2020 on his first trip abroad in office.');
INSERT INTO official_aliases (official_id, alias) VALUES ('yoshihide-suga', 'Yoshihide Suga'), ('yoshihide-suga', 'Suga Yoshihide'), ('yoshihide-suga', 'Suga');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('yoshihide-suga', 1, 'Prime Minister', 'Government of Japan', 'JP', NULL, NULL, '2020-10', 'His October 2020 visit to Vietnam was his first official trip abroad as prime minister.');

-- Official: Wang Yi
INSERT INTO officials (id, name, name_diacritics, country, summary) VALUES ('wang-yi', 'Wang Yi', NULL, 'CN',
    'China''s foreign minister, who was in Vietnam during Kishi''s September 2021 visit and spoke on the South China Sea.');
INSERT INTO official_aliases (official_id, alias) VALUES ('wang-yi', 'Wang Yi');
INSERT INTO positions (official_id, seq, title, organisation, country, date_from, date_to, as_of, note) VALUES ('wang-yi', 1, 'Minister of Foreign Affairs', 'Government of China', 'CN', NULL, NULL, '2021-09', NULL);

-- Event: Prime Minister Suga visits Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('suga-vietnam-visit-2020', 'Prime Minister Suga visits Vietnam', 'visit', 'held', '2020-10', NULL, NULL,
     'Dated "last October" in an article of September 2021.',
     NULL, 'VN',
     'Suga''s first official trip abroad as prime minister, at which the equipment transfer agreement was a focus.');
INSERT INTO event_countries (event_id, country) VALUES ('suga-vietnam-visit-2020', 'JP'), ('suga-vietnam-visit-2020', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('suga-vietnam-visit-2020', 'defense-equipment');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('suga-vietnam-visit-2020', 'yoshihide-suga', 'Japanese prime minister');

-- Event: Chinese Foreign Minister Wang Yi in Vietnam
INSERT INTO events (id, title, type, status, date, date_qualifier, end_date, date_note, location, host_country, summary) VALUES
    ('wang-yi-vietnam-visit-2021', 'Chinese Foreign Minister Wang Yi in Vietnam', 'visit', 'held', '2021-09', NULL, NULL,
     'At the same time as Kishi''s September 2021 visit.',
     NULL, 'VN',
     'Wang Yi was in Vietnam during Kishi''s visit and delivered a pointed message on the South China Sea disputes.');
INSERT INTO event_countries (event_id, country) VALUES ('wang-yi-vietnam-visit-2021', 'CN'), ('wang-yi-vietnam-visit-2021', 'VN');
INSERT INTO event_topics (event_id, topic) VALUES ('wang-yi-vietnam-visit-2021', 'south-china-sea');
INSERT INTO event_participants (event_id, official_id, role) VALUES ('wang-yi-vietnam-visit-2021', 'wang-yi', 'Chinese foreign minister');

-- Agreement: ASEAN Outlook on the Indo-Pacific (AOIP)
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('asean-outlook-on-the-indo-pacific', 'ASEAN Outlook on the Indo-Pacific (AOIP)', 'outlook', 'adopted', NULL, NULL,
     NULL,
     'ASEAN''s own Indo-Pacific outlook, whose connection to Japan''s FOIP the 2021 consultations referred to.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('asean-outlook-on-the-indo-pacific', 'ASEAN');
INSERT INTO event_agreements (event_id, agreement_id, relation) VALUES ('defense-ministers-meeting-2021-09', 'asean-outlook-on-the-indo-pacific', 'referenced');

-- Agreement: Japan-Philippines defense equipment transfer agreement
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('japan-philippines-equipment-transfer', 'Japan-Philippines defense equipment transfer agreement', 'agreement', 'under-negotiation', NULL, NULL,
     'Described in 2021 as being advanced; no date is given.',
     'One of Tokyo''s comparable equipment transfer arrangements with Southeast Asian countries.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('japan-philippines-equipment-transfer', 'JP'), ('japan-philippines-equipment-transfer', 'PH');

-- Agreement: Japan-Indonesia defense equipment transfer agreement
INSERT INTO agreements (id, title, type, status, date, date_qualifier, date_note, summary) VALUES
    ('japan-indonesia-equipment-transfer', 'Japan-Indonesia defense equipment transfer agreement', 'agreement', 'under-negotiation', NULL, NULL,
     'Described in 2021 as being advanced; no date is given.',
     'Another of Tokyo''s comparable equipment transfer arrangements in Southeast Asia.');
INSERT INTO agreement_parties (agreement_id, party) VALUES ('japan-indonesia-equipment-transfer', 'ID'), ('japan-indonesia-equipment-transfer', 'JP');

-- Spans into 004_e791793358b6a6dd.txt
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('phan-van-giang', 'regionalized-defense-partnership-2021', 1929, 2346); -- para 7.2: Phan Van Giang
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'regionalized-defense-partnership-2021', 239, 388); -- para 4.1: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'regionalized-defense-partnership-2021', 1370, 1520); -- para 6.2: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'regionalized-defense-partnership-2021', 1783, 1928); -- para 7.1: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('nobuo-kishi', 'regionalized-defense-partnership-2021', 4632, 4864); -- para 11.3: Nobuo Kishi
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('yoshihide-suga', 'regionalized-defense-partnership-2021', 1095, 1215); -- para 5.3: Yoshihide Suga
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('yoshihide-suga', 'regionalized-defense-partnership-2021', 1521, 1781); -- para 6.3: Yoshihide Suga
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('yoshihide-suga', 'regionalized-defense-partnership-2021', 2807, 3113); -- para 8.4: Yoshihide Suga
INSERT INTO official_sources (official_id, source_id, start, end) VALUES ('wang-yi', 'regionalized-defense-partnership-2021', 4632, 4864); -- para 11.3: Wang Yi
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'regionalized-defense-partnership-2021', 239, 388); -- para 4.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'regionalized-defense-partnership-2021', 1217, 1369); -- para 6.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'regionalized-defense-partnership-2021', 1929, 2346); -- para 7.2: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('defense-ministers-meeting-2021-09', 'regionalized-defense-partnership-2021', 3655, 3870); -- para 10.1: Kishi's visit to Vietnam and defense ministers' consultations, September 2021
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('suga-vietnam-visit-2020', 'regionalized-defense-partnership-2021', 1095, 1215); -- para 5.3: Prime Minister Suga visits Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('suga-vietnam-visit-2020', 'regionalized-defense-partnership-2021', 1521, 1781); -- para 6.3: Prime Minister Suga visits Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('suga-vietnam-visit-2020', 'regionalized-defense-partnership-2021', 2807, 3113); -- para 8.4: Prime Minister Suga visits Vietnam
INSERT INTO event_sources (event_id, source_id, start, end) VALUES ('wang-yi-vietnam-visit-2021', 'regionalized-defense-partnership-2021', 4632, 4864); -- para 11.3: Chinese Foreign Minister Wang Yi in Vietnam
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-cyber-security-2021', 'regionalized-defense-partnership-2021', 3235, 3431); -- para 9.2: Memorandum on cyber security cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('mou-military-medicine-2021', 'regionalized-defense-partnership-2021', 3235, 3431); -- para 9.2: Memorandum on military medicine cooperation
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'regionalized-defense-partnership-2021', 1929, 2346); -- para 7.2: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-cooperation-new-level-2021', 'regionalized-defense-partnership-2021', 2348, 2501); -- para 8.1: Japan-Vietnam Defence Cooperation at the New Level
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-equipment-technology-transfer-2021', 'regionalized-defense-partnership-2021', 2668, 2806); -- para 8.3: Japan-Vietnam Defense Equipment and Technology Transfer Agreement
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('defense-equipment-technology-transfer-2021', 'regionalized-defense-partnership-2021', 2807, 3113); -- para 8.4: Japan-Vietnam Defense Equipment and Technology Transfer Agreement
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('free-and-open-indo-pacific', 'regionalized-defense-partnership-2021', 3655, 3870); -- para 10.1: Free and Open Indo-Pacific (Japan's vision)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('vientiane-vision', 'regionalized-defense-partnership-2021', 3432, 3653); -- para 9.3: Vientiane Vision
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('asean-outlook-on-the-indo-pacific', 'regionalized-defense-partnership-2021', 3655, 3870); -- para 10.1: ASEAN Outlook on the Indo-Pacific (AOIP)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('asean-outlook-on-the-indo-pacific', 'regionalized-defense-partnership-2021', 3871, 4220); -- para 10.2: ASEAN Outlook on the Indo-Pacific (AOIP)
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('japan-philippines-equipment-transfer', 'regionalized-defense-partnership-2021', 2807, 3113); -- para 8.4: Japan-Philippines defense equipment transfer agreement
INSERT INTO agreement_sources (agreement_id, source_id, start, end) VALUES ('japan-indonesia-equipment-transfer', 'regionalized-defense-partnership-2021', 2807, 3113); -- para 8.4: Japan-Indonesia defense equipment transfer agreement
