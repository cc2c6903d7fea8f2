import type { DocumentClass, DocumentLanguage } from '@lotse/common';

/** The texts of the receipt (Eingangsbestätigung), in every language the desk prints in. */
export type ReceiptTexts = {
  title: string;
  intro: string;
  reference: string;
  person: string;
  received: string;
  receivedBy: string;
  documents: string;
  columns: [number: string, kind: string, file: string, size: string, forwardedTo: string];
  note: string;
  classes: Record<DocumentClass, string>;
};

export const RECEIPT_TEXTS: Record<DocumentLanguage, ReceiptTexts> = {
  de: {
    title: 'Eingangsbestätigung',
    intro:
      'Das Haus der Integration hat die folgenden Unterlagen erhalten. Bitte bewahren Sie diese Bestätigung auf und nennen Sie bei Fragen die Vorgangsnummer.',
    reference: 'Vorgangsnummer',
    person: 'Name',
    received: 'Eingegangen am',
    receivedBy: 'Angenommen von',
    documents: 'Unterlagen',
    columns: ['Nr.', 'Art', 'Datei', 'Größe', 'Weitergeleitet an'],
    note: 'Diese Bestätigung belegt nur den Eingang der Unterlagen, nicht ihre Vollständigkeit oder Prüfung.',
    classes: {
      passport: 'Reisepass',
      residence_permit: 'Aufenthaltstitel',
      notice: 'Bescheid',
      pay_slip: 'Lohnabrechnung',
      certificate: 'Zeugnis / Nachweis',
      other: 'Sonstiges',
    },
  },
  en: {
    title: 'Receipt of documents',
    intro:
      'The Haus der Integration has received the following documents. Please keep this receipt and quote the reference number if you have questions.',
    reference: 'Reference number',
    person: 'Name',
    received: 'Received on',
    receivedBy: 'Received by',
    documents: 'Documents',
    columns: ['No.', 'Type', 'File', 'Size', 'Forwarded to'],
    note: 'This receipt only confirms that the documents were received, not that they are complete or have been checked.',
    classes: {
      passport: 'Passport',
      residence_permit: 'Residence permit',
      notice: 'Official notice',
      pay_slip: 'Pay slip',
      certificate: 'Certificate',
      other: 'Other',
    },
  },
  ar: {
    title: 'إشعار استلام',
    intro:
      'استلم بيت الاندماج المستندات التالية. يرجى الاحتفاظ بهذا الإشعار وذكر الرقم المرجعي عند الاستفسار.',
    reference: 'الرقم المرجعي',
    person: 'الاسم',
    received: 'تاريخ الاستلام',
    receivedBy: 'استلمها',
    documents: 'المستندات',
    columns: ['رقم', 'النوع', 'الملف', 'الحجم', 'أُحيلت إلى'],
    note: 'يؤكد هذا الإشعار استلام المستندات فقط، ولا يؤكد اكتمالها أو التحقق منها.',
    classes: {
      passport: 'جواز سفر',
      residence_permit: 'تصريح إقامة',
      notice: 'قرار رسمي',
      pay_slip: 'كشف راتب',
      certificate: 'شهادة',
      other: 'أخرى',
    },
  },
  tr: {
    title: 'Teslim alındı belgesi',
    intro:
      'Haus der Integration aşağıdaki belgeleri teslim almıştır. Lütfen bu belgeyi saklayın ve sorularınızda dosya numarasını belirtin.',
    reference: 'Dosya numarası',
    person: 'Ad Soyad',
    received: 'Teslim tarihi',
    receivedBy: 'Teslim alan',
    documents: 'Belgeler',
    columns: ['No.', 'Tür', 'Dosya', 'Boyut', 'İletildiği birim'],
    note: 'Bu belge yalnızca belgelerin teslim alındığını onaylar; eksiksiz olduklarını veya incelendiklerini onaylamaz.',
    classes: {
      passport: 'Pasaport',
      residence_permit: 'Oturma izni',
      notice: 'Resmî karar',
      pay_slip: 'Maaş bordrosu',
      certificate: 'Sertifika / diploma',
      other: 'Diğer',
    },
  },
  uk: {
    title: 'Підтвердження отримання',
    intro:
      'Haus der Integration отримав такі документи. Будь ласка, збережіть це підтвердження та називайте номер справи, якщо маєте запитання.',
    reference: 'Номер справи',
    person: "Ім'я",
    received: 'Дата отримання',
    receivedBy: 'Прийняв(ла)',
    documents: 'Документи',
    columns: ['№', 'Вид', 'Файл', 'Розмір', 'Передано до'],
    note: 'Це підтвердження засвідчує лише отримання документів, а не їхню повноту чи перевірку.',
    classes: {
      passport: 'Паспорт',
      residence_permit: 'Дозвіл на проживання',
      notice: 'Офіційне рішення',
      pay_slip: 'Розрахунковий лист',
      certificate: 'Свідоцтво / сертифікат',
      other: 'Інше',
    },
  },
  ru: {
    title: 'Подтверждение получения',
    intro:
      'Haus der Integration получил следующие документы. Пожалуйста, сохраните это подтверждение и называйте номер дела, если у вас есть вопросы.',
    reference: 'Номер дела',
    person: 'Имя',
    received: 'Дата получения',
    receivedBy: 'Принял(а)',
    documents: 'Документы',
    columns: ['№', 'Вид', 'Файл', 'Размер', 'Передано в'],
    note: 'Это подтверждение удостоверяет только получение документов, но не их полноту или проверку.',
    classes: {
      passport: 'Паспорт',
      residence_permit: 'Вид на жительство',
      notice: 'Официальное решение',
      pay_slip: 'Расчётный листок',
      certificate: 'Свидетельство / сертификат',
      other: 'Другое',
    },
  },
  fa: {
    title: 'رسید دریافت مدارک',
    intro:
      'خانه ادغام (Haus der Integration) مدارک زیر را دریافت کرد. لطفاً این رسید را نگه دارید و در صورت داشتن سؤال، شماره پرونده را ذکر کنید.',
    reference: 'شماره پرونده',
    person: 'نام',
    received: 'تاریخ دریافت',
    receivedBy: 'دریافت کننده',
    documents: 'مدارک',
    columns: ['ردیف', 'نوع', 'فایل', 'حجم', 'ارجاع به'],
    note: 'این رسید فقط دریافت مدارک را تأیید می‌کند، نه کامل بودن یا بررسی آن‌ها را.',
    classes: {
      passport: 'گذرنامه',
      residence_permit: 'اجازه اقامت',
      notice: 'حکم رسمی',
      pay_slip: 'فیش حقوقی',
      certificate: 'گواهی / مدرک',
      other: 'سایر',
    },
  },
};
