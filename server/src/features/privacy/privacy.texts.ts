import type { ConsentForm, DataCategory, DocumentLanguage, Purpose, Role } from '@lotse/common';

/**
 * Texts of the printed documents (PDF) of the privacy feature: the list of accesses to a person's data, the consent
 * form, and the information under Art. 15 DSGVO / § 83 SGB X. German is first and authoritative; every other language
 * must name every key (the type enforces it). Placeholders are simple `{name}` markers, not ICU messages.
 */
type DocumentTexts = {
  category: Record<DataCategory, string>;
  purpose: Record<Purpose, string>;
  role: Record<Role, string>;
  action: Record<
    | 'read'
    | 'search'
    | 'create'
    | 'update'
    | 'merge'
    | 'review'
    | 'import'
    | 'consent'
    | 'emergency'
    | 'export'
    | 'erase',
    string
  >;
  basis: Record<'own_agency' | 'consent' | 'legal_basis' | 'emergency', string>;
  form: Record<ConsentForm, string>;
  accessLog: {
    /** The heading of the list. */
    title: string;
    /** Placeholders {name}, {date}. */
    intro: string;
    columns: {
      at: string;
      agency: string;
      role: string;
      action: string;
      categories: string;
      purpose: string;
      basis: string;
    };
    empty: string;
    /** The person's rights: access, correction, erasure, revocation, complaint. */
    rights: string;
  };
  consentForm: {
    heading: string;
    person: string;
    dateOfBirth: string;
    address: string;
    disclosing: string;
    receiving: string;
    categories: string;
    purpose: string;
    validFrom: string;
    validUntil: string;
    untilRevoked: string;
    placeDate: string;
    signaturePerson: string;
    /** Placeholder {name}. */
    signatureGuardian: string;
    guardianNote: string;
    /** Placeholders {key}, {version}, {language}. */
    version: string;
    /** Voluntariness and revocation (§ 67b SGB X, Art. 7 Abs. 3 DSGVO). */
    revocation: string;
  };
  export: {
    title: string;
    /** Placeholders {name}, {date}. */
    intro: string;
    sections: {
      person: string;
      identifiers: string;
      residence: string;
      benefits: string;
      family: string;
      notes: string;
      consents: string;
      accessLog: string;
    };
    fields: {
      name: string;
      originalName: string;
      birthName: string;
      formerNames: string;
      sex: string;
      dateOfBirth: string;
      placeOfBirth: string;
      countryOfBirth: string;
      nationalities: string;
      languages: string;
      address: string;
      contact: string;
      kind: string;
      value: string;
      agency: string;
      recordedAt: string;
      validFrom: string;
      validUntil: string;
      paragraph: string;
      system: string;
      relation: string;
      title: string;
      status: string;
      none: string;
    };
  };
  /** Placeholders {municipality}, {date}. */
  footer: string;
  /** Placeholders {page}, {pages}. */
  pageOf: string;
};

const de: DocumentTexts = {
  category: {
    identity_contact: 'Identität und Kontakt',
    residence: 'Aufenthalt',
    benefits: 'Leistungsbezug',
    employment: 'Arbeit und Beschäftigung',
    education: 'Bildung',
    family: 'Familie und Haushalt',
    health: 'Gesundheit',
    case_notes: 'Beratungs- und Fallnotizen',
  },
  purpose: {
    identification: 'Feststellung der Identität',
    residence_procedure: 'Aufenthaltsrechtliches Verfahren',
    benefit_processing: 'Bearbeitung von Sozialleistungen',
    employment_placement: 'Vermittlung in Arbeit und Ausbildung',
    integration_course: 'Integrationskurs',
    counselling: 'Beratung',
    case_management: 'Case Management (Fallbegleitung)',
    youth_welfare: 'Kinder- und Jugendhilfe',
    schooling: 'Schulische Bildung',
  },
  role: {
    front_desk: 'Empfang',
    caseworker: 'Sachbearbeitung',
    case_manager: 'Integrationsmanagement',
    agency_lead: 'Leitung',
    municipal_admin: 'Administration',
    partner_staff: 'Kooperationspartner',
    state_reporter: 'Berichtswesen Land',
    data_protection_officer: 'Datenschutzbeauftragte:r',
  },
  action: {
    read: 'Einsicht',
    search: 'Suche (in Trefferliste angezeigt)',
    create: 'Erfassung',
    update: 'Änderung',
    merge: 'Zusammenführung von Doppelerfassungen',
    review: 'Prüfung auf Doppelerfassung',
    import: 'Datenübernahme',
    consent: 'Einwilligung erfasst oder widerrufen',
    emergency: 'Notfallzugriff',
    export: 'Auskunft erstellt',
    erase: 'Löschung',
  },
  basis: {
    own_agency: 'eigene Daten der Stelle',
    consent: 'Einwilligung',
    legal_basis: 'Rechtsgrundlage',
    emergency: 'Notfallzugriff',
  },
  form: {
    signed_paper: 'schriftlich (unterschriebenes Formular)',
    electronic: 'elektronisch',
    oral: 'mündlich',
  },
  accessLog: {
    title: 'Wer hat auf meine Daten zugegriffen?',
    intro:
      'Diese Liste zeigt jeden Zugriff auf die Daten von {name} im Haus der Integration, Stand {date}: welche Stelle und Rolle, wann, welche Arten von Daten, zu welchem Zweck und auf welcher Grundlage.',
    columns: {
      at: 'Zeitpunkt',
      agency: 'Stelle',
      role: 'Rolle',
      action: 'Vorgang',
      categories: 'Arten von Daten',
      purpose: 'Zweck',
      basis: 'Grundlage',
    },
    empty: 'Bisher hat niemand auf diese Daten zugegriffen.',
    rights:
      'Sie haben das Recht, Auskunft über alle zu Ihrer Person gespeicherten Daten zu erhalten (Art. 15 DSGVO, § 83 SGB X). Sie können verlangen, dass unrichtige Daten berichtigt und nicht mehr benötigte Daten gelöscht werden (Art. 16 und 17 DSGVO, § 84 SGB X). Eine Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen. Wenn Sie meinen, dass Ihre Daten nicht rechtmäßig verarbeitet werden, können Sie sich an die Datenschutzbeauftragte oder den Datenschutzbeauftragten der jeweiligen Stelle wenden oder sich bei der zuständigen Aufsichtsbehörde für den Datenschutz beschweren (Art. 77 DSGVO, § 81 SGB X).',
  },
  consentForm: {
    heading: 'Einwilligung in die Übermittlung von Sozialdaten',
    person: 'Betroffene Person',
    dateOfBirth: 'Geburtsdatum',
    address: 'Anschrift',
    disclosing: 'Folgende Stellen dürfen Daten weitergeben',
    receiving: 'an folgende Stellen',
    categories: 'Arten von Daten',
    purpose: 'Zweck',
    validFrom: 'Gültig ab',
    validUntil: 'Gültig bis',
    untilRevoked: 'bis auf Widerruf',
    placeDate: 'Ort, Datum',
    signaturePerson: 'Unterschrift der betroffenen Person',
    signatureGuardian: 'Unterschrift der/des Sorgeberechtigten ({name})',
    guardianNote: 'Die betroffene Person ist unter 15 Jahre alt; es unterschreibt die/der Sorgeberechtigte.',
    version: 'Textfassung {key}, Version {version}, Sprache {language}',
    revocation:
      'Die Einwilligung ist freiwillig. Wenn Sie sie nicht erteilen, entstehen Ihnen daraus keine Nachteile bei Leistungen, auf die Sie einen Anspruch haben. Sie können die Einwilligung jederzeit mit Wirkung für die Zukunft widerrufen, an jedem Schalter im Haus der Integration oder schriftlich. Die Rechtmäßigkeit der Verarbeitung, die bis zum Widerruf erfolgt ist, bleibt davon unberührt.',
  },
  export: {
    title: 'Auskunft nach Art. 15 DSGVO und § 83 SGB X',
    intro:
      'Diese Auskunft enthält alle Daten, die im Haus der Integration (Lotse) am {date} über {name} gespeichert sind, jeweils mit der Stelle, die sie erfasst hat, außerdem die erteilten Einwilligungen und alle Zugriffe auf diese Daten.',
    sections: {
      person: 'Angaben zur Person',
      identifiers: 'Kennungen',
      residence: 'Aufenthaltsstatus',
      benefits: 'Leistungsbezug',
      family: 'Familie und Haushalt',
      notes: 'Notizen',
      consents: 'Einwilligungen',
      accessLog: 'Zugriffe auf die Daten',
    },
    fields: {
      name: 'Name',
      originalName: 'Name in Originalschrift',
      birthName: 'Geburtsname',
      formerNames: 'Frühere Namen',
      sex: 'Geschlecht',
      dateOfBirth: 'Geburtsdatum',
      placeOfBirth: 'Geburtsort',
      countryOfBirth: 'Geburtsland',
      nationalities: 'Staatsangehörigkeiten',
      languages: 'Sprachen',
      address: 'Anschrift',
      contact: 'Kontakt',
      kind: 'Art',
      value: 'Angabe',
      agency: 'Stelle',
      recordedAt: 'Erfasst am',
      validFrom: 'Gültig ab',
      validUntil: 'Gültig bis',
      paragraph: 'Rechtsgrundlage',
      system: 'Leistungssystem',
      relation: 'Beziehung',
      title: 'Betreff',
      status: 'Status',
      none: 'keine Angaben',
    },
  },
  footer: 'Lotse – {municipality} – erstellt am {date}',
  pageOf: 'Seite {page} von {pages}',
};

const en: DocumentTexts = {
  category: {
    identity_contact: 'Identity and contact details',
    residence: 'Residence',
    benefits: 'Benefits',
    employment: 'Work and employment',
    education: 'Education',
    family: 'Family and household',
    health: 'Health',
    case_notes: 'Counselling and case notes',
  },
  purpose: {
    identification: 'Establishing identity',
    residence_procedure: 'Residence procedure',
    benefit_processing: 'Processing of social benefits',
    employment_placement: 'Placement in work and training',
    integration_course: 'Integration course',
    counselling: 'Counselling',
    case_management: 'Case management',
    youth_welfare: 'Child and youth welfare',
    schooling: 'School education',
  },
  role: {
    front_desk: 'Front desk',
    caseworker: 'Caseworker',
    case_manager: 'Integration management',
    agency_lead: 'Head of agency',
    municipal_admin: 'Administration',
    partner_staff: 'Partner organisation',
    state_reporter: 'State reporting',
    data_protection_officer: 'Data protection officer',
  },
  action: {
    read: 'Viewed',
    search: 'Search (shown in a list of results)',
    create: 'Recorded',
    update: 'Changed',
    merge: 'Merging of duplicate records',
    review: 'Check for duplicate records',
    import: 'Data transfer (import)',
    consent: 'Consent recorded or revoked',
    emergency: 'Emergency access',
    export: 'Subject access report created',
    erase: 'Erasure',
  },
  basis: {
    own_agency: "the agency's own data",
    consent: 'Consent',
    legal_basis: 'Legal basis',
    emergency: 'Emergency access',
  },
  form: {
    signed_paper: 'in writing (signed form)',
    electronic: 'electronically',
    oral: 'orally',
  },
  accessLog: {
    title: 'Who has accessed my data?',
    intro:
      'This list shows every access to the data of {name} at the Haus der Integration, as of {date}: which agency and role, when, which kinds of data, for what purpose and on what basis.',
    columns: {
      at: 'Time',
      agency: 'Agency',
      role: 'Role',
      action: 'Action',
      categories: 'Kinds of data',
      purpose: 'Purpose',
      basis: 'Basis',
    },
    empty: 'No one has accessed this data so far.',
    rights:
      'You have the right to obtain information about all data stored about you (Art. 15 DSGVO (GDPR), § 83 SGB X). You can ask for incorrect data to be corrected and for data that is no longer needed to be erased (Art. 16 DSGVO, Art. 17 DSGVO, § 84 SGB X). You can revoke a consent at any time with effect for the future. If you believe that your data is not being processed lawfully, you can contact the data protection officer of the agency concerned or lodge a complaint with the competent data protection supervisory authority (Art. 77 DSGVO, § 81 SGB X).',
  },
  consentForm: {
    heading: 'Consent to the transfer of social data',
    person: 'Person concerned',
    dateOfBirth: 'Date of birth',
    address: 'Address',
    disclosing: 'The following agencies may disclose data',
    receiving: 'to the following agencies',
    categories: 'Kinds of data',
    purpose: 'Purpose',
    validFrom: 'Valid from',
    validUntil: 'Valid until',
    untilRevoked: 'until revoked',
    placeDate: 'Place, date',
    signaturePerson: 'Signature of the person concerned',
    signatureGuardian: 'Signature of the person with parental responsibility ({name})',
    guardianNote:
      'The person concerned is under 15 years of age; the person with parental responsibility signs.',
    version: 'Text {key}, version {version}, language {language}',
    revocation:
      'This consent is voluntary. If you do not give it, you will suffer no disadvantage with regard to benefits to which you are entitled. You can revoke the consent at any time with effect for the future, at any counter of the Haus der Integration or in writing. The revocation does not affect the lawfulness of processing carried out before it.',
  },
  export: {
    title: 'Information under Art. 15 DSGVO (GDPR) and § 83 SGB X',
    intro:
      'This report contains all data stored about {name} at the Haus der Integration (Lotse) on {date}, each with the agency that recorded it, as well as the consents given and every access to this data.',
    sections: {
      person: 'Personal details',
      identifiers: 'Identifiers',
      residence: 'Residence status',
      benefits: 'Benefits',
      family: 'Family and household',
      notes: 'Notes',
      consents: 'Consents',
      accessLog: 'Access to the data',
    },
    fields: {
      name: 'Name',
      originalName: 'Name in original script',
      birthName: 'Birth name',
      formerNames: 'Former names',
      sex: 'Sex',
      dateOfBirth: 'Date of birth',
      placeOfBirth: 'Place of birth',
      countryOfBirth: 'Country of birth',
      nationalities: 'Nationalities',
      languages: 'Languages',
      address: 'Address',
      contact: 'Contact',
      kind: 'Type',
      value: 'Details',
      agency: 'Agency',
      recordedAt: 'Recorded on',
      validFrom: 'Valid from',
      validUntil: 'Valid until',
      paragraph: 'Legal basis',
      system: 'Benefit system',
      relation: 'Relationship',
      title: 'Subject',
      status: 'Status',
      none: 'none recorded',
    },
  },
  footer: 'Lotse – {municipality} – created on {date}',
  pageOf: 'Page {page} of {pages}',
};

const ar: DocumentTexts = {
  category: {
    identity_contact: 'الهوية وبيانات التواصل',
    residence: 'الإقامة',
    benefits: 'الإعانات الاجتماعية',
    employment: 'العمل والتوظيف',
    education: 'التعليم',
    family: 'العائلة والأسرة المعيشية',
    health: 'الصحة',
    case_notes: 'ملاحظات الاستشارة والملف',
  },
  purpose: {
    identification: 'التحقق من الهوية',
    residence_procedure: 'إجراءات الإقامة',
    benefit_processing: 'معالجة الإعانات الاجتماعية',
    employment_placement: 'التوسط في العمل والتدريب المهني',
    integration_course: 'دورة الاندماج',
    counselling: 'الاستشارة',
    case_management: 'إدارة الحالة',
    youth_welfare: 'رعاية الأطفال والشباب',
    schooling: 'التعليم المدرسي',
  },
  role: {
    front_desk: 'الاستقبال',
    caseworker: 'معالجة الملفات',
    case_manager: 'إدارة الاندماج',
    agency_lead: 'رئاسة الجهة',
    municipal_admin: 'إدارة النظام',
    partner_staff: 'شريك تعاون',
    state_reporter: 'تقارير الولاية',
    data_protection_officer: 'مسؤول حماية البيانات',
  },
  action: {
    read: 'اطّلاع',
    search: 'بحث (ظهر في قائمة النتائج)',
    create: 'تسجيل',
    update: 'تعديل',
    merge: 'دمج السجلات المكرّرة',
    review: 'التحقق من وجود تسجيل مكرّر',
    import: 'نقل بيانات (استيراد)',
    consent: 'تسجيل موافقة أو سحبها',
    emergency: 'وصول طارئ',
    export: 'إعداد إفادة بالبيانات',
    erase: 'حذف',
  },
  basis: {
    own_agency: 'بيانات الجهة نفسها',
    consent: 'موافقة',
    legal_basis: 'أساس قانوني',
    emergency: 'وصول طارئ',
  },
  form: {
    signed_paper: 'كتابياً (استمارة موقّعة)',
    electronic: 'إلكترونياً',
    oral: 'شفهياً',
  },
  accessLog: {
    title: 'من اطّلع على بياناتي؟',
    intro:
      'تعرض هذه القائمة كل وصول إلى بيانات {name} في دار الاندماج (Haus der Integration) حتى تاريخ {date}: أي جهة وبأي دور، ومتى، وأي أنواع من البيانات، ولأي غرض، وعلى أي أساس.',
    columns: {
      at: 'الوقت',
      agency: 'الجهة',
      role: 'الدور',
      action: 'الإجراء',
      categories: 'أنواع البيانات',
      purpose: 'الغرض',
      basis: 'الأساس',
    },
    empty: 'لم يطّلع أحد على هذه البيانات حتى الآن.',
    rights:
      'يحق لكم الحصول على معلومات عن جميع البيانات المحفوظة عنكم (Art. 15 DSGVO (اللائحة العامة لحماية البيانات)، § 83 SGB X). ويمكنكم طلب تصحيح البيانات غير الصحيحة وحذف البيانات التي لم تعد هناك حاجة إليها (Art. 16 DSGVO، Art. 17 DSGVO، § 84 SGB X). كما يمكنكم سحب أي موافقة في أي وقت بأثر مستقبلي. وإذا رأيتم أن بياناتكم لا تُعالَج بصورة قانونية، فيمكنكم التوجّه إلى مسؤول حماية البيانات في الجهة المعنية أو تقديم شكوى إلى السلطة الرقابية المختصة بحماية البيانات (Art. 77 DSGVO، § 81 SGB X).',
  },
  consentForm: {
    heading: 'الموافقة على نقل البيانات الاجتماعية',
    person: 'الشخص المعني',
    dateOfBirth: 'تاريخ الميلاد',
    address: 'العنوان',
    disclosing: 'يجوز للجهات التالية نقل البيانات',
    receiving: 'إلى الجهات التالية',
    categories: 'أنواع البيانات',
    purpose: 'الغرض',
    validFrom: 'سارية من',
    validUntil: 'سارية حتى',
    untilRevoked: 'حتى سحب الموافقة',
    placeDate: 'المكان، التاريخ',
    signaturePerson: 'توقيع الشخص المعني',
    signatureGuardian: 'توقيع ولي الأمر ({name})',
    guardianNote: 'عمر الشخص المعني أقل من 15 عاماً؛ لذلك يوقّع ولي الأمر.',
    version: 'نص {key}، الإصدار {version}، اللغة {language}',
    revocation:
      'هذه الموافقة طوعية. ولا يترتب على رفضها أي ضرر لكم فيما يخص الإعانات التي يحق لكم الحصول عليها. ويمكنكم سحب الموافقة في أي وقت بأثر مستقبلي، لدى أي شبّاك في دار الاندماج (Haus der Integration) أو كتابياً. ولا يؤثر السحب على مشروعية معالجة البيانات التي تمّت قبله.',
  },
  export: {
    title: 'إفادة بالبيانات وفقاً لـ Art. 15 DSGVO (اللائحة العامة لحماية البيانات) و§ 83 SGB X',
    intro:
      'تتضمن هذه الإفادة جميع البيانات المحفوظة عن {name} في دار الاندماج (Haus der Integration، نظام Lotse) بتاريخ {date}، مع ذكر الجهة التي سجّلت كلاً منها، بالإضافة إلى الموافقات المُعطاة وجميع عمليات الوصول إلى هذه البيانات.',
    sections: {
      person: 'البيانات الشخصية',
      identifiers: 'المعرّفات',
      residence: 'وضع الإقامة',
      benefits: 'الإعانات الاجتماعية',
      family: 'العائلة والأسرة المعيشية',
      notes: 'الملاحظات',
      consents: 'الموافقات',
      accessLog: 'عمليات الوصول إلى البيانات',
    },
    fields: {
      name: 'الاسم',
      originalName: 'الاسم بالكتابة الأصلية',
      birthName: 'اسم العائلة عند الولادة',
      formerNames: 'الأسماء السابقة',
      sex: 'الجنس',
      dateOfBirth: 'تاريخ الميلاد',
      placeOfBirth: 'مكان الولادة',
      countryOfBirth: 'بلد الولادة',
      nationalities: 'الجنسيات',
      languages: 'اللغات',
      address: 'العنوان',
      contact: 'التواصل',
      kind: 'النوع',
      value: 'البيان',
      agency: 'الجهة',
      recordedAt: 'تاريخ التسجيل',
      validFrom: 'سارٍ من',
      validUntil: 'سارٍ حتى',
      paragraph: 'الأساس القانوني',
      system: 'نظام الإعانة',
      relation: 'صلة القرابة',
      title: 'الموضوع',
      status: 'الحالة',
      none: 'لا توجد بيانات',
    },
  },
  footer: 'Lotse – {municipality} – أُنشئ بتاريخ {date}',
  pageOf: 'الصفحة {page} من {pages}',
};

const tr: DocumentTexts = {
  category: {
    identity_contact: 'Kimlik ve iletişim bilgileri',
    residence: 'Oturum',
    benefits: 'Sosyal yardımlar',
    employment: 'Çalışma ve istihdam',
    education: 'Eğitim',
    family: 'Aile ve hane',
    health: 'Sağlık',
    case_notes: 'Danışmanlık ve dosya notları',
  },
  purpose: {
    identification: 'Kimlik tespiti',
    residence_procedure: 'Oturum işlemleri',
    benefit_processing: 'Sosyal yardımların işlenmesi',
    employment_placement: 'İşe ve mesleki eğitime yerleştirme',
    integration_course: 'Uyum kursu (entegrasyon kursu)',
    counselling: 'Danışmanlık',
    case_management: 'Vaka yönetimi',
    youth_welfare: 'Çocuk ve gençlik yardımı',
    schooling: 'Okul eğitimi',
  },
  role: {
    front_desk: 'Danışma',
    caseworker: 'Dosya işlemleri',
    case_manager: 'Entegrasyon yönetimi',
    agency_lead: 'Birim yöneticisi',
    municipal_admin: 'Sistem yönetimi',
    partner_staff: 'İş birliği ortağı',
    state_reporter: 'Eyalet raporlaması',
    data_protection_officer: 'Veri koruma görevlisi',
  },
  action: {
    read: 'Görüntüleme',
    search: 'Arama (sonuç listesinde gösterildi)',
    create: 'Kayıt',
    update: 'Değişiklik',
    merge: 'Mükerrer kayıtların birleştirilmesi',
    review: 'Mükerrer kayıt kontrolü',
    import: 'Veri aktarımı (içe aktarma)',
    consent: 'Onay kaydedildi veya geri alındı',
    emergency: 'Acil durum erişimi',
    export: 'Bilgilendirme belgesi oluşturuldu',
    erase: 'Silme',
  },
  basis: {
    own_agency: 'kurumun kendi verileri',
    consent: 'Onay',
    legal_basis: 'Yasal dayanak',
    emergency: 'Acil durum erişimi',
  },
  form: {
    signed_paper: 'yazılı (imzalı form)',
    electronic: 'elektronik',
    oral: 'sözlü',
  },
  accessLog: {
    title: 'Verilerime kim erişti?',
    intro:
      'Bu liste, Entegrasyon Evi’nde (Haus der Integration) {name} adlı kişinin verilerine yapılan her erişimi {date} itibarıyla gösterir: hangi kurum ve hangi rol, ne zaman, hangi tür veriler, hangi amaçla ve hangi dayanağa göre.',
    columns: {
      at: 'Zaman',
      agency: 'Kurum',
      role: 'Rol',
      action: 'İşlem',
      categories: 'Veri türleri',
      purpose: 'Amaç',
      basis: 'Dayanak',
    },
    empty: 'Bu verilere şimdiye kadar kimse erişmedi.',
    rights:
      'Hakkınızda kayıtlı tüm veriler hakkında bilgi alma hakkına sahipsiniz (Art. 15 DSGVO (Genel Veri Koruma Tüzüğü), § 83 SGB X). Yanlış verilerin düzeltilmesini ve artık gerekli olmayan verilerin silinmesini talep edebilirsiniz (Art. 16 DSGVO, Art. 17 DSGVO, § 84 SGB X). Verdiğiniz bir onayı istediğiniz zaman ileriye dönük olarak geri alabilirsiniz. Verilerinizin hukuka uygun işlenmediğini düşünüyorsanız ilgili kurumun veri koruma görevlisine başvurabilir veya yetkili veri koruma denetim makamına şikâyette bulunabilirsiniz (Art. 77 DSGVO, § 81 SGB X).',
  },
  consentForm: {
    heading: 'Sosyal verilerin aktarılmasına onay',
    person: 'İlgili kişi',
    dateOfBirth: 'Doğum tarihi',
    address: 'Adres',
    disclosing: 'Aşağıdaki kurumlar verileri aktarabilir',
    receiving: 'aşağıdaki kurumlara',
    categories: 'Veri türleri',
    purpose: 'Amaç',
    validFrom: 'Geçerlilik başlangıcı',
    validUntil: 'Geçerlilik bitişi',
    untilRevoked: 'geri alınana kadar',
    placeDate: 'Yer, tarih',
    signaturePerson: 'İlgili kişinin imzası',
    signatureGuardian: 'Velinin imzası ({name})',
    guardianNote: 'İlgili kişi 15 yaşından küçüktür; bu nedenle velisi imzalar.',
    version: 'Metin {key}, sürüm {version}, dil {language}',
    revocation:
      'Bu onay gönüllüdür. Onay vermemeniz, hak sahibi olduğunuz yardımlar bakımından size hiçbir dezavantaj doğurmaz. Onayınızı istediğiniz zaman ileriye dönük olarak, Entegrasyon Evi’ndeki (Haus der Integration) herhangi bir danışma masasında veya yazılı olarak geri alabilirsiniz. Geri alma, o zamana kadar yapılan veri işlemenin hukuka uygunluğunu etkilemez.',
  },
  export: {
    title: 'Art. 15 DSGVO (Genel Veri Koruma Tüzüğü) ve § 83 SGB X uyarınca bilgilendirme',
    intro:
      'Bu belge, Entegrasyon Evi’nde (Haus der Integration, Lotse) {date} tarihinde {name} hakkında kayıtlı olan tüm verileri, her birini kaydeden kurumla birlikte içerir; ayrıca verilen onayları ve bu verilere yapılan tüm erişimleri gösterir.',
    sections: {
      person: 'Kişisel bilgiler',
      identifiers: 'Kimlik numaraları',
      residence: 'Oturum durumu',
      benefits: 'Sosyal yardımlar',
      family: 'Aile ve hane',
      notes: 'Notlar',
      consents: 'Onaylar',
      accessLog: 'Verilere erişimler',
    },
    fields: {
      name: 'Ad',
      originalName: 'Orijinal yazıyla ad',
      birthName: 'Doğum soyadı',
      formerNames: 'Önceki adlar',
      sex: 'Cinsiyet',
      dateOfBirth: 'Doğum tarihi',
      placeOfBirth: 'Doğum yeri',
      countryOfBirth: 'Doğum ülkesi',
      nationalities: 'Uyruklar',
      languages: 'Diller',
      address: 'Adres',
      contact: 'İletişim',
      kind: 'Tür',
      value: 'Bilgi',
      agency: 'Kurum',
      recordedAt: 'Kayıt tarihi',
      validFrom: 'Geçerlilik başlangıcı',
      validUntil: 'Geçerlilik bitişi',
      paragraph: 'Yasal dayanak',
      system: 'Yardım türü',
      relation: 'Yakınlık',
      title: 'Konu',
      status: 'Durum',
      none: 'bilgi yok',
    },
  },
  footer: 'Lotse – {municipality} – oluşturulma tarihi: {date}',
  pageOf: 'Sayfa {page} / {pages}',
};

const uk: DocumentTexts = {
  category: {
    identity_contact: 'Особа та контактні дані',
    residence: 'Перебування',
    benefits: 'Соціальні виплати',
    employment: 'Робота та працевлаштування',
    education: 'Освіта',
    family: 'Сім’я та домогосподарство',
    health: 'Здоров’я',
    case_notes: 'Записи консультацій і ведення справи',
  },
  purpose: {
    identification: 'Встановлення особи',
    residence_procedure: 'Процедура щодо права на перебування',
    benefit_processing: 'Опрацювання соціальних виплат',
    employment_placement: 'Сприяння працевлаштуванню та професійному навчанню',
    integration_course: 'Інтеграційний курс',
    counselling: 'Консультування',
    case_management: 'Кейс-менеджмент (супровід)',
    youth_welfare: 'Допомога дітям і молоді',
    schooling: 'Шкільне навчання',
  },
  role: {
    front_desk: 'Приймальня',
    caseworker: 'Опрацювання справ',
    case_manager: 'Менеджмент інтеграції',
    agency_lead: 'Керівництво установи',
    municipal_admin: 'Адміністрування',
    partner_staff: 'Партнер зі співпраці',
    state_reporter: 'Звітність землі',
    data_protection_officer: 'Уповноважена особа із захисту даних',
  },
  action: {
    read: 'Перегляд',
    search: 'Пошук (показано у списку результатів)',
    create: 'Внесення даних',
    update: 'Зміна',
    merge: 'Об’єднання записів-дублікатів',
    review: 'Перевірка на дублікати',
    import: 'Перенесення даних (імпорт)',
    consent: 'Згоду внесено або відкликано',
    emergency: 'Екстрений доступ',
    export: 'Складено довідку про дані',
    erase: 'Видалення',
  },
  basis: {
    own_agency: 'власні дані установи',
    consent: 'Згода',
    legal_basis: 'Правова підстава',
    emergency: 'Екстрений доступ',
  },
  form: {
    signed_paper: 'письмово (підписаний формуляр)',
    electronic: 'в електронній формі',
    oral: 'усно',
  },
  accessLog: {
    title: 'Хто отримував доступ до моїх даних?',
    intro:
      'Цей список показує кожен доступ до даних особи {name} у Домі інтеграції (Haus der Integration) станом на {date}: яка установа і в якій ролі, коли, до яких видів даних, з якою метою і на якій підставі.',
    columns: {
      at: 'Час',
      agency: 'Установа',
      role: 'Роль',
      action: 'Дія',
      categories: 'Види даних',
      purpose: 'Мета',
      basis: 'Підстава',
    },
    empty: 'Досі ніхто не отримував доступу до цих даних.',
    rights:
      'Ви маєте право отримати інформацію про всі дані, що зберігаються про Вас (Art. 15 DSGVO (GDPR), § 83 SGB X). Ви можете вимагати виправлення неправильних даних і видалення даних, які більше не потрібні (Art. 16 DSGVO, Art. 17 DSGVO, § 84 SGB X). Надану згоду Ви можете будь-коли відкликати на майбутнє. Якщо Ви вважаєте, що Ваші дані обробляються незаконно, Ви можете звернутися до уповноваженої особи із захисту даних відповідної установи або подати скаргу до компетентного наглядового органу з питань захисту даних (Art. 77 DSGVO, § 81 SGB X).',
  },
  consentForm: {
    heading: 'Згода на передачу соціальних даних',
    person: 'Особа, якої стосуються дані',
    dateOfBirth: 'Дата народження',
    address: 'Адреса',
    disclosing: 'Такі установи можуть передавати дані',
    receiving: 'таким установам',
    categories: 'Види даних',
    purpose: 'Мета',
    validFrom: 'Дійсна з',
    validUntil: 'Дійсна до',
    untilRevoked: 'до відкликання',
    placeDate: 'Місце, дата',
    signaturePerson: 'Підпис особи, якої стосуються дані',
    signatureGuardian: 'Підпис законного представника ({name})',
    guardianNote: 'Особі, якої стосуються дані, менше 15 років; тому підписує законний представник.',
    version: 'Текст {key}, версія {version}, мова {language}',
    revocation:
      'Ця згода є добровільною. Якщо Ви її не надасте, це не матиме для Вас жодних негативних наслідків щодо виплат, на які Ви маєте право. Ви можете будь-коли відкликати згоду на майбутнє — у будь-якому віконці Дому інтеграції (Haus der Integration) або письмово. Відкликання не впливає на законність обробки даних, здійсненої до нього.',
  },
  export: {
    title: 'Довідка про дані згідно з Art. 15 DSGVO (GDPR) та § 83 SGB X',
    intro:
      'Ця довідка містить усі дані про особу {name}, що зберігаються в Домі інтеграції (Haus der Integration, Lotse) станом на {date}, із зазначенням установи, яка їх внесла, а також надані згоди та всі випадки доступу до цих даних.',
    sections: {
      person: 'Особисті дані',
      identifiers: 'Ідентифікатори',
      residence: 'Статус перебування',
      benefits: 'Соціальні виплати',
      family: 'Сім’я та домогосподарство',
      notes: 'Нотатки',
      consents: 'Згоди',
      accessLog: 'Доступ до даних',
    },
    fields: {
      name: 'Ім’я',
      originalName: 'Ім’я оригінальним письмом',
      birthName: 'Прізвище при народженні',
      formerNames: 'Колишні імена',
      sex: 'Стать',
      dateOfBirth: 'Дата народження',
      placeOfBirth: 'Місце народження',
      countryOfBirth: 'Країна народження',
      nationalities: 'Громадянство',
      languages: 'Мови',
      address: 'Адреса',
      contact: 'Контакт',
      kind: 'Вид',
      value: 'Дані',
      agency: 'Установа',
      recordedAt: 'Дата внесення',
      validFrom: 'Дійсний з',
      validUntil: 'Дійсний до',
      paragraph: 'Правова підстава',
      system: 'Вид виплат',
      relation: 'Родинний зв’язок',
      title: 'Тема',
      status: 'Статус',
      none: 'немає даних',
    },
  },
  footer: 'Lotse – {municipality} – створено {date}',
  pageOf: 'Сторінка {page} з {pages}',
};

const ru: DocumentTexts = {
  category: {
    identity_contact: 'Личность и контактные данные',
    residence: 'Пребывание',
    benefits: 'Социальные выплаты',
    employment: 'Работа и трудоустройство',
    education: 'Образование',
    family: 'Семья и домохозяйство',
    health: 'Здоровье',
    case_notes: 'Записи консультаций и ведения дела',
  },
  purpose: {
    identification: 'Установление личности',
    residence_procedure: 'Процедура по вопросам права на пребывание',
    benefit_processing: 'Обработка социальных выплат',
    employment_placement: 'Содействие в трудоустройстве и профессиональном обучении',
    integration_course: 'Интеграционный курс',
    counselling: 'Консультирование',
    case_management: 'Кейс-менеджмент (сопровождение)',
    youth_welfare: 'Помощь детям и молодёжи',
    schooling: 'Школьное обучение',
  },
  role: {
    front_desk: 'Приёмная',
    caseworker: 'Обработка дел',
    case_manager: 'Менеджмент интеграции',
    agency_lead: 'Руководство учреждения',
    municipal_admin: 'Администрирование',
    partner_staff: 'Партнёр по сотрудничеству',
    state_reporter: 'Отчётность земли',
    data_protection_officer: 'Уполномоченный по защите данных',
  },
  action: {
    read: 'Просмотр',
    search: 'Поиск (показано в списке результатов)',
    create: 'Внесение данных',
    update: 'Изменение',
    merge: 'Объединение дублирующихся записей',
    review: 'Проверка на дублирование записей',
    import: 'Перенос данных (импорт)',
    consent: 'Согласие внесено или отозвано',
    emergency: 'Экстренный доступ',
    export: 'Составлена справка о данных',
    erase: 'Удаление',
  },
  basis: {
    own_agency: 'собственные данные учреждения',
    consent: 'Согласие',
    legal_basis: 'Правовое основание',
    emergency: 'Экстренный доступ',
  },
  form: {
    signed_paper: 'письменно (подписанный формуляр)',
    electronic: 'в электронной форме',
    oral: 'устно',
  },
  accessLog: {
    title: 'Кто получал доступ к моим данным?',
    intro:
      'В этом списке указан каждый доступ к данным лица {name} в Доме интеграции (Haus der Integration) по состоянию на {date}: какое учреждение и в какой роли, когда, к каким видам данных, с какой целью и на каком основании.',
    columns: {
      at: 'Время',
      agency: 'Учреждение',
      role: 'Роль',
      action: 'Действие',
      categories: 'Виды данных',
      purpose: 'Цель',
      basis: 'Основание',
    },
    empty: 'До сих пор никто не получал доступа к этим данным.',
    rights:
      'Вы имеете право получить сведения обо всех данных, хранящихся о Вас (Art. 15 DSGVO (GDPR), § 83 SGB X). Вы можете потребовать исправления неверных данных и удаления данных, которые больше не нужны (Art. 16 DSGVO, Art. 17 DSGVO, § 84 SGB X). Данное согласие Вы можете в любое время отозвать на будущее. Если Вы считаете, что Ваши данные обрабатываются незаконно, Вы можете обратиться к уполномоченному по защите данных соответствующего учреждения или подать жалобу в компетентный надзорный орган по защите данных (Art. 77 DSGVO, § 81 SGB X).',
  },
  consentForm: {
    heading: 'Согласие на передачу социальных данных',
    person: 'Лицо, которого касаются данные',
    dateOfBirth: 'Дата рождения',
    address: 'Адрес',
    disclosing: 'Следующие учреждения могут передавать данные',
    receiving: 'следующим учреждениям',
    categories: 'Виды данных',
    purpose: 'Цель',
    validFrom: 'Действует с',
    validUntil: 'Действует по',
    untilRevoked: 'до отзыва',
    placeDate: 'Место, дата',
    signaturePerson: 'Подпись лица, которого касаются данные',
    signatureGuardian: 'Подпись законного представителя ({name})',
    guardianNote:
      'Лицу, которого касаются данные, не исполнилось 15 лет; поэтому подписывает законный представитель.',
    version: 'Текст {key}, версия {version}, язык {language}',
    revocation:
      'Это согласие является добровольным. Отказ от него не повлечёт для Вас никаких неблагоприятных последствий в отношении выплат, на которые Вы имеете право. Вы можете в любое время отозвать согласие на будущее — в любом окне приёма в Доме интеграции (Haus der Integration) или письменно. Отзыв не затрагивает законность обработки данных, осуществлённой до него.',
  },
  export: {
    title: 'Справка о данных согласно Art. 15 DSGVO (GDPR) и § 83 SGB X',
    intro:
      'Эта справка содержит все данные о лице {name}, хранящиеся в Доме интеграции (Haus der Integration, Lotse) по состоянию на {date}, с указанием учреждения, которое их внесло, а также выданные согласия и все случаи доступа к этим данным.',
    sections: {
      person: 'Личные данные',
      identifiers: 'Идентификаторы',
      residence: 'Статус пребывания',
      benefits: 'Социальные выплаты',
      family: 'Семья и домохозяйство',
      notes: 'Записи',
      consents: 'Согласия',
      accessLog: 'Доступ к данным',
    },
    fields: {
      name: 'Имя',
      originalName: 'Имя оригинальным письмом',
      birthName: 'Фамилия при рождении',
      formerNames: 'Прежние имена',
      sex: 'Пол',
      dateOfBirth: 'Дата рождения',
      placeOfBirth: 'Место рождения',
      countryOfBirth: 'Страна рождения',
      nationalities: 'Гражданство',
      languages: 'Языки',
      address: 'Адрес',
      contact: 'Контакт',
      kind: 'Вид',
      value: 'Данные',
      agency: 'Учреждение',
      recordedAt: 'Дата внесения',
      validFrom: 'Действует с',
      validUntil: 'Действует по',
      paragraph: 'Правовое основание',
      system: 'Вид выплат',
      relation: 'Родственная связь',
      title: 'Тема',
      status: 'Статус',
      none: 'нет данных',
    },
  },
  footer: 'Lotse – {municipality} – создано {date}',
  pageOf: 'Страница {page} из {pages}',
};

const fa: DocumentTexts = {
  category: {
    identity_contact: 'هویت و اطلاعات تماس',
    residence: 'اقامت',
    benefits: 'مزایای اجتماعی',
    employment: 'کار و اشتغال',
    education: 'آموزش',
    family: 'خانواده و خانوار',
    health: 'سلامت',
    case_notes: 'یادداشت‌های مشاوره و پرونده',
  },
  purpose: {
    identification: 'احراز هویت',
    residence_procedure: 'رسیدگی به امور اقامتی',
    benefit_processing: 'رسیدگی به مزایای اجتماعی',
    employment_placement: 'کاریابی و معرفی به آموزش حرفه‌ای',
    integration_course: 'دورهٔ ادغام (Integrationskurs)',
    counselling: 'مشاوره',
    case_management: 'مدیریت پرونده (همراهی)',
    youth_welfare: 'حمایت از کودکان و نوجوانان',
    schooling: 'تحصیل در مدرسه',
  },
  role: {
    front_desk: 'پذیرش',
    caseworker: 'رسیدگی به پرونده',
    case_manager: 'مدیریت ادغام',
    agency_lead: 'ریاست اداره',
    municipal_admin: 'مدیریت سامانه',
    partner_staff: 'شریک همکار',
    state_reporter: 'گزارش‌دهی ایالت',
    data_protection_officer: 'مسئول حفاظت از داده‌ها',
  },
  action: {
    read: 'مشاهده',
    search: 'جستجو (نمایش در فهرست نتایج)',
    create: 'ثبت',
    update: 'تغییر',
    merge: 'ادغام رکوردهای تکراری',
    review: 'بررسی ثبت تکراری',
    import: 'انتقال داده‌ها (ورود داده)',
    consent: 'ثبت یا پس‌گرفتن رضایت',
    emergency: 'دسترسی اضطراری',
    export: 'تهیهٔ گزارش اطلاعات',
    erase: 'حذف',
  },
  basis: {
    own_agency: 'داده‌های خودِ اداره',
    consent: 'رضایت',
    legal_basis: 'مبنای قانونی',
    emergency: 'دسترسی اضطراری',
  },
  form: {
    signed_paper: 'کتبی (فرم امضاشده)',
    electronic: 'الکترونیکی',
    oral: 'شفاهی',
  },
  accessLog: {
    title: 'چه کسی به داده‌های من دسترسی داشته است؟',
    intro:
      'این فهرست هر دسترسی به داده‌های {name} در خانهٔ ادغام (Haus der Integration) را تا تاریخ {date} نشان می‌دهد: کدام اداره و با کدام نقش، چه زمانی، به چه نوع داده‌هایی، با چه هدفی و بر چه مبنایی.',
    columns: {
      at: 'زمان',
      agency: 'اداره',
      role: 'نقش',
      action: 'اقدام',
      categories: 'انواع داده‌ها',
      purpose: 'هدف',
      basis: 'مبنا',
    },
    empty: 'تاکنون هیچ‌کس به این داده‌ها دسترسی نداشته است.',
    rights:
      'شما حق دارید دربارهٔ همهٔ داده‌هایی که از شما ذخیره شده است اطلاعات دریافت کنید (Art. 15 DSGVO (GDPR)، § 83 SGB X). می‌توانید درخواست کنید که داده‌های نادرست اصلاح و داده‌هایی که دیگر لازم نیستند حذف شوند (Art. 16 DSGVO، Art. 17 DSGVO، § 84 SGB X). رضایتی را که داده‌اید می‌توانید هر زمان با اثر نسبت به آینده پس بگیرید. اگر فکر می‌کنید داده‌های شما به‌طور قانونی پردازش نمی‌شوند، می‌توانید به مسئول حفاظت از داده‌های ادارهٔ مربوط مراجعه کنید یا نزد مرجع نظارتی صلاحیت‌دار در امور حفاظت از داده‌ها شکایت کنید (Art. 77 DSGVO، § 81 SGB X).',
  },
  consentForm: {
    heading: 'رضایت به انتقال داده‌های اجتماعی',
    person: 'شخص مربوط',
    dateOfBirth: 'تاریخ تولد',
    address: 'نشانی',
    disclosing: 'ادارات زیر مجازند داده‌ها را منتقل کنند',
    receiving: 'به ادارات زیر',
    categories: 'انواع داده‌ها',
    purpose: 'هدف',
    validFrom: 'معتبر از',
    validUntil: 'معتبر تا',
    untilRevoked: 'تا زمان پس‌گرفتن رضایت',
    placeDate: 'محل، تاریخ',
    signaturePerson: 'امضای شخص مربوط',
    signatureGuardian: 'امضای ولی یا سرپرست قانونی ({name})',
    guardianNote: 'شخص مربوط کمتر از 15 سال سن دارد؛ بنابراین ولی یا سرپرست قانونی امضا می‌کند.',
    version: 'متن {key}، نسخهٔ {version}، زبان {language}',
    revocation:
      'این رضایت داوطلبانه است. اگر رضایت ندهید، هیچ زیانی از نظر مزایایی که حق دریافت آن‌ها را دارید متوجه شما نخواهد شد. شما می‌توانید رضایت خود را هر زمان با اثر نسبت به آینده پس بگیرید: در هر باجهٔ خانهٔ ادغام (Haus der Integration) یا به‌صورت کتبی. پس‌گرفتن رضایت بر قانونی بودن پردازش‌هایی که پیش از آن انجام شده است اثری ندارد.',
  },
  export: {
    title: 'ارائهٔ اطلاعات طبق Art. 15 DSGVO (GDPR) و § 83 SGB X',
    intro:
      'این گزارش همهٔ داده‌هایی را که در تاریخ {date} دربارهٔ {name} در خانهٔ ادغام (Haus der Integration، سامانهٔ Lotse) ذخیره شده است، همراه با اداره‌ای که هر یک را ثبت کرده، و نیز رضایت‌های داده‌شده و همهٔ دسترسی‌ها به این داده‌ها در بر دارد.',
    sections: {
      person: 'اطلاعات شخصی',
      identifiers: 'شناسه‌ها',
      residence: 'وضعیت اقامت',
      benefits: 'مزایای اجتماعی',
      family: 'خانواده و خانوار',
      notes: 'یادداشت‌ها',
      consents: 'رضایت‌ها',
      accessLog: 'دسترسی‌ها به داده‌ها',
    },
    fields: {
      name: 'نام',
      originalName: 'نام به خط اصلی',
      birthName: 'نام خانوادگی هنگام تولد',
      formerNames: 'نام‌های پیشین',
      sex: 'جنسیت',
      dateOfBirth: 'تاریخ تولد',
      placeOfBirth: 'محل تولد',
      countryOfBirth: 'کشور تولد',
      nationalities: 'تابعیت‌ها',
      languages: 'زبان‌ها',
      address: 'نشانی',
      contact: 'تماس',
      kind: 'نوع',
      value: 'شرح',
      agency: 'اداره',
      recordedAt: 'تاریخ ثبت',
      validFrom: 'معتبر از',
      validUntil: 'معتبر تا',
      paragraph: 'مبنای قانونی',
      system: 'نوع مزایا',
      relation: 'نسبت خویشاوندی',
      title: 'موضوع',
      status: 'وضعیت',
      none: 'بدون اطلاعات',
    },
  },
  footer: 'Lotse – {municipality} – تهیه‌شده در {date}',
  pageOf: 'صفحهٔ {page} از {pages}',
};

export const DOCUMENT_TEXTS: Record<DocumentLanguage, DocumentTexts> = { de, en, ar, tr, uk, ru, fa };

/**
 * The standard consent texts (key `standard`, one per language), seeded for a new municipality. Placeholders:
 * {personName}, {dateOfBirth}, {disclosing}, {receiving}, {categories}, {purpose}, {validity} (or {validFrom}, {validUntil}).
 * Paragraphs are separated by a blank line.
 */
export const DEFAULT_CONSENT_TEMPLATES: {
  key: 'standard';
  language: DocumentLanguage;
  title: string;
  body: string;
}[] = [
  {
    key: 'standard',
    language: 'de',
    title: 'Einwilligung in die Übermittlung von Sozialdaten',
    body: [
      'Ich, {personName}, geboren am {dateOfBirth}, willige ein, dass die folgenden Daten über mich von {disclosing} an {receiving} übermittelt werden dürfen: {categories}. Zweck: {purpose}. Die Einwilligung gilt {validity}.',
      'Daten besonderer Kategorien, insbesondere Gesundheitsdaten (Art. 9 DSGVO), werden nur übermittelt, wenn sie oben ausdrücklich genannt sind.',
      'Diese Einwilligung ist freiwillig (§ 67b SGB X, Art. 7 DSGVO). Wenn ich sie nicht erteile, entstehen mir daraus keine Nachteile bei Leistungen, auf die ich einen Anspruch habe. Ich kann sie jederzeit mit Wirkung für die Zukunft widerrufen, an jedem Schalter im Haus der Integration oder schriftlich. Die Rechtmäßigkeit der Verarbeitung, die bis zum Widerruf erfolgt ist, bleibt davon unberührt.',
      'Ich habe diesen Text in einer Sprache erhalten, die ich verstehe, und hatte Gelegenheit, Fragen zu stellen.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'en',
    title: 'Consent to the transfer of social data',
    body: [
      'I, {personName}, born on {dateOfBirth}, consent to the following data about me being transferred by {disclosing} to {receiving}: {categories}. Purpose: {purpose}. This consent is valid {validity}.',
      'Data of special categories, in particular health data (Art. 9 DSGVO (GDPR)), will only be transferred if they are expressly named above.',
      'This consent is voluntary (§ 67b SGB X, Art. 7 DSGVO (GDPR)). If I do not give it, I will suffer no disadvantage with regard to benefits to which I am entitled. I can revoke it at any time with effect for the future, at any counter of the Haus der Integration or in writing. The revocation does not affect the lawfulness of processing carried out before it.',
      'I have received this text in a language I understand and have had the opportunity to ask questions.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'ar',
    title: 'الموافقة على نقل البيانات الاجتماعية',
    body: [
      'أنا، {personName}، تاريخ الميلاد: {dateOfBirth}، أوافق على أن تُنقل البيانات التالية الخاصة بي من {disclosing} إلى {receiving}: {categories}. الغرض: {purpose}. تسري هذه الموافقة {validity}.',
      'لا تُنقل البيانات من الفئات الخاصة، ولا سيما البيانات الصحية (Art. 9 DSGVO)، إلا إذا ذُكرت صراحةً أعلاه.',
      'هذه الموافقة طوعية (§ 67b SGB X، Art. 7 DSGVO (اللائحة العامة لحماية البيانات)). ولا يترتب على رفضها أي ضرر لي فيما يخص الإعانات التي يحق لي الحصول عليها. ويمكنني سحبها في أي وقت بأثر مستقبلي، لدى أي شبّاك في دار الاندماج (Haus der Integration) أو كتابياً. ولا يؤثر السحب على مشروعية المعالجة التي تمّت قبله.',
      'لقد استلمت هذا النص بلغة أفهمها، وأُتيحت لي الفرصة لطرح الأسئلة.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'tr',
    title: 'Sosyal verilerin aktarılmasına onay',
    body: [
      'Ben, {personName} (doğum tarihi: {dateOfBirth}), hakkımdaki şu verilerin aktarılmasına onay veriyorum: {categories}. Verileri aktarabilecek kurumlar: {disclosing}. Verileri alabilecek kurumlar: {receiving}. Amaç: {purpose}. Bu onay {validity} geçerlidir.',
      'Özel nitelikli veriler, özellikle sağlık verileri (Art. 9 DSGVO), yalnızca yukarıda açıkça belirtilmişlerse aktarılır.',
      'Bu onay gönüllüdür (§ 67b SGB X, Art. 7 DSGVO (Genel Veri Koruma Tüzüğü)). Onay vermemem, hak sahibi olduğum yardımlar bakımından bana hiçbir dezavantaj doğurmaz. Onayımı istediğim zaman ileriye dönük olarak, Entegrasyon Evi’ndeki (Haus der Integration) herhangi bir danışma masasında veya yazılı olarak geri alabilirim. Geri alma, o zamana kadar yapılan veri işlemenin hukuka uygunluğunu etkilemez.',
      'Bu metni anladığım bir dilde aldım ve soru sorma imkânım oldu.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'uk',
    title: 'Згода на передачу соціальних даних',
    body: [
      'Я, {personName}, дата народження: {dateOfBirth}, погоджуюся на передачу таких даних про мене: {categories}. Передавати дані можуть: {disclosing}. Отримувати дані можуть: {receiving}. Мета: {purpose}. Згода діє {validity}.',
      'Дані особливих категорій, зокрема дані про здоров’я (Art. 9 DSGVO), передаються лише в тому разі, якщо їх прямо зазначено вище.',
      'Ця згода є добровільною (§ 67b SGB X, Art. 7 DSGVO (GDPR)). Якщо я її не надам, це не матиме для мене жодних негативних наслідків щодо виплат, на які я маю право. Я можу будь-коли відкликати її на майбутнє — у будь-якому віконці Дому інтеграції (Haus der Integration) або письмово. Відкликання не впливає на законність обробки даних, здійсненої до нього.',
      'Я отримав(-ла) цей текст мовою, яку розумію, і мав(-ла) можливість поставити запитання.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'ru',
    title: 'Согласие на передачу социальных данных',
    body: [
      'Я, {personName}, дата рождения: {dateOfBirth}, даю согласие на передачу следующих данных обо мне: {categories}. Передавать данные могут: {disclosing}. Получать данные могут: {receiving}. Цель: {purpose}. Согласие действует {validity}.',
      'Данные особых категорий, в частности данные о здоровье (Art. 9 DSGVO), передаются только в том случае, если они прямо указаны выше.',
      'Это согласие является добровольным (§ 67b SGB X, Art. 7 DSGVO (GDPR)). Отказ от него не повлечёт для меня никаких неблагоприятных последствий в отношении выплат, на которые я имею право. Я могу в любое время отозвать его на будущее — в любом окне приёма в Доме интеграции (Haus der Integration) или письменно. Отзыв не затрагивает законность обработки данных, осуществлённой до него.',
      'Я получил(а) этот текст на понятном мне языке и имел(а) возможность задать вопросы.',
    ].join('\n\n'),
  },
  {
    key: 'standard',
    language: 'fa',
    title: 'رضایت به انتقال داده‌های اجتماعی',
    body: [
      'اینجانب {personName}، متولد {dateOfBirth}، رضایت می‌دهم که داده‌های زیر دربارهٔ من از سوی {disclosing} به {receiving} منتقل شود: {categories}. هدف: {purpose}. این رضایت {validity} معتبر است.',
      'داده‌های دسته‌های ویژه، به‌ویژه داده‌های مربوط به سلامت (Art. 9 DSGVO)، فقط در صورتی منتقل می‌شوند که در بالا صراحتاً ذکر شده باشند.',
      'این رضایت داوطلبانه است (§ 67b SGB X، Art. 7 DSGVO (GDPR)). اگر رضایت ندهم، هیچ زیانی از نظر مزایایی که حق دریافت آن‌ها را دارم متوجه من نخواهد شد. می‌توانم آن را هر زمان با اثر نسبت به آینده پس بگیرم: در هر باجهٔ خانهٔ ادغام (Haus der Integration) یا به‌صورت کتبی. پس‌گرفتن رضایت بر قانونی بودن پردازش‌هایی که پیش از آن انجام شده است اثری ندارد.',
      'این متن را به زبانی که می‌فهمم دریافت کرده‌ام و امکان طرح پرسش را داشته‌ام.',
    ].join('\n\n'),
  },
];

/** The validity clause a template's {validity} stands for: with an end date, or open until revoked. */
export const VALIDITY: Record<DocumentLanguage, { bounded: string; open: string }> = {
  de: { bounded: 'vom {from} bis {until}', open: 'ab {from} bis auf Widerruf' },
  en: { bounded: 'from {from} until {until}', open: 'from {from} until revoked' },
  ar: { bounded: 'من {from} حتى {until}', open: 'من {from} حتى سحبها' },
  tr: {
    bounded: '{from} ile {until} tarihleri arasında',
    open: '{from} tarihinden itibaren geri alınana kadar',
  },
  uk: { bounded: 'з {from} до {until}', open: 'з {from} до відкликання' },
  ru: { bounded: 'с {from} по {until}', open: 'с {from} до отзыва' },
  fa: { bounded: 'از {from} تا {until}', open: 'از {from} تا زمان پس‌گرفتن رضایت' },
};
