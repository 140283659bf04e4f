# Hand annotations (entities) for 20 articles of wikinews-fr-2012-dev.
# Spec syntax for a mention: "X" (1st occurrence), "X#n" (n-th), "X#*" (every occurrence, named only),
# "X@ctx" (the occurrence of X inside the unique context string ctx), "X@ctx#k" (inside k-th occurrence of ctx).
# named: (spec, type, ISO3|None, geonames|None, canonical); refers: (spec, refers_to_spec)
# GeoNames ids
PARIS=2988507; BRUSSELS=2800866; TIMBUKTU=2449067; DAMASCUS=170654; HOMS=169577; IDLIB=169389
LATAKIA=173576; DARAA=170905; ALEPPO=170063; BAMAKO=2460596; OUAGA=2357048; GAO=2457163
ALGIERS=2507480; ORAN=2485926; TOULOUSE=2972315; LYON=2996944; VILLEURBANNE=2968254
AULNAY=3036145; RENNES=2983990; TRIPOLI=2210247; AJDABIYA=89113; BENGHAZI=88319; MANACOR=2514216
CHARLOTTE=4460243; COLUMBUS=4509177; HILLIARD=5157588; DESMOINES=4853828; AJACCIO=3038334
CAIRO=360630; WASHINGTON=4140963
C_GRC=390903; C_BEL=2802361; C_EGY=357994; C_ESP=2510769; C_USA=6252001; C_MLI=2453866
C_SYR=163843; C_RUS=2017370; C_CHN=1814991; C_AFG=1149361; C_FRA=3017382; C_DZA=2589581
C_LBN=272103; C_LBY=2215636

A = {}

A["44269"] = dict(  # Grèce : gouvernement de coalition
named=[
 ("Antonis Samaras","PER","GRC",None,"Antonis Samaras"),
 ("Nouvelle Démocratie#*","ORG","GRC",None,"Nouvelle Démocratie"),
 ("ND","ORG","GRC",None,"Nouvelle Démocratie"),
 ("Parti socialiste","ORG","GRC",None,"PASOK (Mouvement socialiste panhellénique)"),
 ("PASOK#*","ORG","GRC",None,"PASOK (Mouvement socialiste panhellénique)"),
 ("Gauche démocratique","ORG","GRC",None,"Gauche démocrate (DIMAR)"),
 ("Vassilis Rapanos","PER","GRC",None,"Vassilis Rapanos"),
 ("Christos Staïkouras","PER","GRC",None,"Christos Staïkouras"),
 ("Dimitris Avramopoulos","PER","GRC",None,"Dimitris Avramopoulos"),
 ("Panos Panayiotopoulos","PER","GRC",None,"Panos Panayiotopoulos"),
 ("Kostas Mousouroulis","PER","GRC",None,"Kostas Mousouroulis"),
 ("Antonis Manitakis","PER","GRC",None,"Antonis Manitakis"),
 ("Antonis Roupakiotis","PER","GRC",None,"Antonis Roupakiotis"),
 ("Grèce#*","LOC","GRC",C_GRC,"Grèce"),
 ("Banque centrale européenne","ORG",None,None,"Banque centrale européenne"),
 ("Commission européenne","ORG",None,None,"Commission européenne"),
 ("commission européenne","ORG",None,None,"Commission européenne"),
 ("Fond monétaire international","ORG",None,None,"Fonds monétaire international"),
 ("Papadimos","PER","GRC",None,"Lucas Papadémos"),
 ("Coalition de la gauche radicale","ORG","GRC",None,"SYRIZA (Coalition de la gauche radicale)"),
 ("SYRIZA","ORG","GRC",None,"SYRIZA (Coalition de la gauche radicale)"),
 ("Bruxelles","LOC","BEL",BRUSSELS,"Bruxelles"),
 ("Barroso","PER",None,None,"José Manuel Barroso"),
],
refers=[
 ("le nouveau premier ministre conservateur","Antonis Samaras"),
 ("parti de droite","Nouvelle Démocratie"),
 ("banquier","Vassilis Rapanos"),
 ("l'ex-conseiller économique de M. Samaras","Christos Staïkouras"),
 ("Samaras@M. Samaras","Antonis Samaras"),
 ("conservateur@au conservateur","Dimitris Avramopoulos"),
 ("pays@voie européenne du pays","Grèce"),
 ("le président de la commission européenne","Barroso"),
])

A["44355"] = dict(  # Égypte : Morsi élu
named=[
 ("Mohamed Morsi#*","PER","EGY",None,"Mohamed Morsi"),
 ("Égypte#*","LOC","EGY",C_EGY,"Égypte"),
 ("Ahmad Chafiq","PER","EGY",None,"Ahmed Chafik"),
 ("Hosni Moubarak","PER","EGY",None,"Hosni Moubarak"),
 ("place Tahrir","LOC","EGY",CAIRO,"Place Tahrir (Le Caire)"),
 ("Frères musulmans","ORG","EGY",None,"Frères musulmans"),
],
refers=[
 ("Le Frère musulman","Mohamed Morsi"),
 ("son rival","Ahmad Chafiq"),
 ("l'ancien premier ministre d'Hosni Moubarak","Ahmad Chafiq"),
 ("vainqueur","Mohamed Morsi"),
 ("nouveau président@au nouveau président","Mohamed Morsi"),
])

A["44373"] = dict(  # Espagne : Moody's
named=[
 ("Espagne","LOC","ESP",C_ESP,"Espagne"),
 ("Moody's#*","ORG","USA",None,"Moody's"),
 ("Crédit Mutuel CIC","ORG","FRA",None,"Crédit Mutuel-CIC"),
],
refers=[
 ("l'agence américaine","Moody's"),
 ("l'agence@Selon l'agence","Moody's"),
 ("pays@note souveraine du pays","Espagne"),
 ("groupe@du groupe Crédit Mutuel","Crédit Mutuel CIC"),
])

A["44485"] = dict(  # Mali : Tombouctou
named=[
 ("Ansar Eddine#*","ORG","MLI",None,"Ansar Dine"),
 ("Tombouctou#*","LOC","MLI",TIMBUKTU,"Tombouctou"),
 ("Sidi Yeyia#*","LOC","MLI",TIMBUKTU,"Mosquée Sidi Yahia (Tombouctou)"),
 ("Cour pénale internationale","ORG",None,None,"Cour pénale internationale"),
 ("Fatou Bensouda","PER",None,None,"Fatou Bensouda"),
 ("Mali#*","LOC","MLI",C_MLI,"Mali"),
 ("Association des leaders religieux du Mali","ORG","MLI",None,"Association des leaders religieux du Mali"),
 ("Mahomet","PER",None,None,"Mahomet (prophète de l'islam)"),
 ("UNESCO","ORG",None,None,"UNESCO"),
],
refers=[
 ("les islamistes@les islamistes d'Ansar","Ansar Eddine"),
 ("La procureure de la Cour pénale internationale","Fatou Bensouda"),
 ("l'organisation islamique#1","Ansar Eddine"),
 ("la ville@la ville de Tombouctou","Tombouctou"),
 ("islamistes@présence des islamistes","Ansar Eddine"),
 ("la cité des trois cents trente-trois saints","Tombouctou"),
 ("la ville@mosquées de la ville","Tombouctou"),
 ("l'organisation islamique#2","Ansar Eddine"),
])

A["44510"] = dict(  # Syrie : HRW
named=[
 ("Human Rights Watch","ORG",None,None,"Human Rights Watch"),
 ("Nadim Houry","PER",None,None,"Nadim Houry"),
 ("Syrie#*","LOC","SYR",C_SYR,"Syrie"),
 ("HRW#*","ORG",None,None,"Human Rights Watch"),
 ("Damas","LOC","SYR",DAMASCUS,"Damas"),
 ("Homs","LOC","SYR",HOMS,"Homs"),
 ("Idlib","LOC","SYR",IDLIB,"Idleb"),
 ("Latakia","LOC","SYR",LATAKIA,"Lattaquié"),
 ("Daraa","LOC","SYR",DARAA,"Deraa"),
 ("Alep","LOC","SYR",ALEPPO,"Alep"),
 ("Ole Solvang","PER",None,None,"Ole Solvang"),
 ("Cour pénale internationale#*","ORG",None,None,"Cour pénale internationale"),
 ("CPI","ORG",None,None,"Cour pénale internationale"),
 ("Conseil de sécurité#*","ORG",None,None,"Conseil de sécurité des Nations unies"),
 ("ONU","ORG",None,None,"Organisation des Nations unies"),
 ("Russie","LOC","RUS",C_RUS,"Russie"),
 ("Chine","LOC","CHN",C_CHN,"Chine"),
],
refers=[
 ("L'ONG@L'ONG Human","Human Rights Watch"),
 ("responsable de l'organisation et spécialiste de la Syrie","Nadim Houry"),
 ("l'organisation@responsable de l'organisation","Human Rights Watch"),
 ("L'ONG@L'ONG dénonce","Human Rights Watch"),
 ("l'ONG@l'ONG précise","Human Rights Watch"),
 ("L'organisation@L'organisation met","Human Rights Watch"),
 ("Un des chercheurs de HRW","Ole Solvang"),
 ("l'organisation militant pour les droits de l'Homme","Human Rights Watch"),
 ("l'ONG@l'ONG a demandée","Human Rights Watch"),
])

A["44530"] = dict(  # Afghanistan : Kapisa
named=[
 ("Kapisa#*","LOC","AFG",None,"Province de Kapisa"),
 ("Mahmood-e-Raqi","LOC","AFG",None,"Mahmud-e Raqi"),
 ("OTAN#*","ORG",None,None,"Organisation du traité de l'Atlantique nord"),
 ("France#*","LOC","FRA",C_FRA,"France"),
 ("Afghanistan","LOC","AFG",C_AFG,"Afghanistan"),
 ("Bernard Bajolet","PER","FRA",None,"Bernard Bajolet"),
 ("François Hollande","PER","FRA",None,"François Hollande"),
],
refers=[
 ("la province@la province de la Kapisa","Kapisa"),
 ("la ville@la ville de Mahmood","Mahmood-e-Raqi"),
 ("capitale de la province","Mahmood-e-Raqi"),
 ("la province@capitale de la province","Kapisa"),
 ("la province@la responsabilité de la province","Kapisa"),
 ("l'ambassadeur de France en Afghanistan","Bernard Bajolet"),
 ("la province@quitter la province","Kapisa"),
 ("ce pays","Afghanistan"),
 ("le président français","François Hollande"),
 ("pays@stabilité du pays","Afghanistan"),
])

A["44533"] = dict(  # France : impôts
named=[
 ("Jérôme Cahuzac","PER","FRA",None,"Jérôme Cahuzac"),
 ("Pierre Moscovici","PER","FRA",None,"Pierre Moscovici"),
 ("France","LOC","FRA",C_FRA,"France"),
 ("Assemblée nationale","ORG","FRA",None,"Assemblée nationale (France)"),
 ("Jean-Marc Ayrault","PER","FRA",None,"Jean-Marc Ayrault"),
],
refers=[
 ("le ministre du budget","Jérôme Cahuzac"),
 ("le ministre des finances","Pierre Moscovici"),
 ("le premier ministre","Jean-Marc Ayrault"),
])

A["44540"] = dict(  # Mali : manifestation à Bamako
named=[
 ("Bamako","LOC","MLI",BAMAKO,"Bamako"),
 ("Oumar Maïga","PER","MLI",None,"Oumar Maïga"),
 ("Nock Ag Attia","PER","MLI",None,"Nock Ag Attia"),
 ("Mali#*","LOC","MLI",C_MLI,"Mali"),
 ("MNLA","ORG","MLI",None,"Mouvement national de libération de l'Azawad"),
 ("Mujao","ORG","MLI",None,"Mouvement pour l'unicité et le jihad en Afrique de l'Ouest (MUJAO)"),
 ("Al-Qaïda","ORG",None,None,"Al-Qaïda au Maghreb islamique (AQMI)"),
 ("Fatoumata Maïga","PER","MLI",None,"Fatoumata Maïga"),
 ("Communauté économique des États d'Afrique de l'Ouest","ORG",None,None,"Communauté économique des États de l'Afrique de l'Ouest"),
 ("Afrique de l'Ouest","LOC",None,None,"Afrique de l'Ouest"),
 ("CEDEAO#*","ORG",None,None,"Communauté économique des États de l'Afrique de l'Ouest"),
 ("Ougadougou","LOC","BFA",OUAGA,"Ouagadougou"),
 ("ONU","ORG",None,None,"Organisation des Nations unies"),
 ("Gao","LOC","MLI",GAO,"Gao"),
],
refers=[
 ("l'un des responsables de la manifestation","Oumar Maïga"),
 ("député touareg","Nock Ag Attia"),
 ("présidente d'une ONG féminine pour la paix","Fatoumata Maïga"),
 ("la ville@la ville de Gao","Gao"),
])

A["44545"] = dict(  # Algérie : 50 ans
named=[
 ("De Gaulle","PER","FRA",None,"Charles de Gaulle"),
 ("Algérie#*","LOC","DZA",C_DZA,"Algérie"),
 ("FLN","ORG","DZA",None,"Front de libération nationale"),
 ("Front de Libération Nationale","ORG","DZA",None,"Front de libération nationale"),
 ("Akli Gasmi","PER","DZA",None,"Akli Gasmi"),
 ("Kabylie","LOC","DZA",None,"Kabylie"),
 ("ALN","ORG","DZA",None,"Armée de libération nationale"),
 ("Armée de Libération Nationale","ORG","DZA",None,"Armée de libération nationale"),
 ("Évian","LOC","FRA",None,"Évian-les-Bains"),
 ("France#*","LOC","FRA",C_FRA,"France"),
 ("Oran","LOC","DZA",ORAN,"Oran"),
 ("Michel Guay","PER","FRA",None,"Michel Guay"),
 ("OAS","ORG","FRA",None,"Organisation de l'armée secrète"),
 ("Théâtre de verdure","LOC","DZA",ALGIERS,"Théâtre de verdure (Alger)"),
 ("Abdelaziz Bouteflika","PER","DZA",None,"Abdelaziz Bouteflika"),
 ("Liban","LOC","LBN",C_LBN,"Liban"),
 ("Méditerranée","LOC",None,None,"Mer Méditerranée"),
 ("Jacques Chirac","PER","FRA",None,"Jacques Chirac"),
 ("Nicolas Sarkozy","PER","FRA",None,"Nicolas Sarkozy"),
 ("Laurent Fabius","PER","FRA",None,"Laurent Fabius"),
 ("Alger","LOC","DZA",ALGIERS,"Alger"),
],
refers=[
 ("jeune berger en Kabylie maritime à l'époque","Akli Gasmi"),
 ("jeune appelé et témoin de la scène avec le photographe de son régiment","Michel Guay"),
 ("la capitale@l'ouest de la capitale","Alger"),
 ("le président algérien#1","Abdelaziz Bouteflika"),
 ("le président algérien#2","Abdelaziz Bouteflika"),
 ("pays@civiles du pays","Algérie"),
 ("Le ministre des affaires étrangères","Laurent Fabius"),
])

A["44551"] = dict(  # France : agression antisémite
named=[
 ("Toulouse#*","LOC","FRA",TOULOUSE,"Toulouse"),
 ("Lyon#*","LOC","FRA",LYON,"Lyon"),
 ("Manuel Valls","PER","FRA",None,"Manuel Valls"),
 ("ministère de l'Intérieur#*","ORG","FRA",None,"Ministère de l'Intérieur (France)"),
 ("SNCF","ORG","FRA",None,"SNCF"),
 ("Ozar Hatorah","ORG","FRA",None,"École Ozar Hatorah (Toulouse)"),
 ("Mohamed Merah","PER","FRA",None,"Mohamed Merah"),
 ("Arié Bensemhoun","PER","FRA",None,"Arié Bensemhoun"),
 ("AFP","ORG","FRA",None,"Agence France-Presse"),
 ("France","LOC","FRA",C_FRA,"France"),
 ("Villeurbane","LOC","FRA",VILLEURBANNE,"Villeurbanne"),
],
refers=[
 ("l'école","Ozar Hatorah"),
 ("Le ministère@Le ministère s'est","ministère de l'Intérieur"),
 ("République#1","France"),
 ("République#2","France"),
 ("président de la communauté juive de Toulouse","Arié Bensemhoun"),
 ("Merah@l'affaire Merah","Mohamed Merah"),
])

A["44555"] = dict(  # CGT : emplois menacés
named=[
 ("Confédération générale du travail","ORG","FRA",None,"Confédération générale du travail"),
 ("CGT#*","ORG","FRA",None,"Confédération générale du travail"),
 ("Air France","ORG","FRA",None,"Air France"),
 ("Sanofi","ORG","FRA",None,"Sanofi"),
 ("PSA","ORG","FRA",None,"PSA Peugeot Citroën"),
 ("Bouygues Telecom","ORG","FRA",None,"Bouygues Telecom"),
 ("SFR","ORG","FRA",None,"SFR"),
 ("Free Mobile","ORG","FRA",None,"Free Mobile"),
 ("Bernard Thibault","PER","FRA",None,"Bernard Thibault"),
],
refers=[
 ("le groupe","Sanofi"),
 ("son secrétaire général","Bernard Thibault"),
 ("Le secrétaire général","Bernard Thibault"),
])

A["44585"] = dict(  # Libye : élections
named=[
 ("Libye","LOC","LBY",C_LBY,"Libye"),
 ("Kadhafi","PER","LBY",None,"Mouammar Kadhafi"),
 ("Tripoli","LOC","LBY",TRIPOLI,"Tripoli"),
 ("Ajdabiya","LOC","LBY",AJDABIYA,"Ajdabiya"),
 ("Jalo","LOC","LBY",None,"Jalu"),
 ("Ojla","LOC","LBY",None,"Awjila"),
 ("Benghazii","LOC","LBY",BENGHAZI,"Benghazi"),
 ("Cyrénaïque","LOC","LBY",None,"Cyrénaïque"),
 ("Congrès national général","ORG","LBY",None,"Congrès général national (Libye)"),
],
refers=[
 ("la capitale de la province orientale de Cyrénaïque","Benghazii"),
 ("la province orientale","Cyrénaïque"),
])

A["44635"] = dict(  # PSA : 8000 emplois
named=[
 ("PSA Peugeot Citroën","ORG","FRA",None,"PSA Peugeot Citroën"),
 ("France#*","LOC","FRA",C_FRA,"France"),
 ("Aulnay-sous-Bois","LOC","FRA",AULNAY,"Aulnay-sous-Bois"),
 ("Rennes","LOC","FRA",RENNES,"Rennes"),
 ("PSA#2","ORG","FRA",None,"PSA Peugeot Citroën"),
 ("PSA#3","ORG","FRA",None,"PSA Peugeot Citroën"),
 ("Philippe Varin#*","PER","FRA",None,"Philippe Varin"),
 ("Jean-Marc Ayrault","PER","FRA",None,"Jean-Marc Ayrault"),
 ("Arnaud Montebourg","PER","FRA",None,"Arnaud Montebourg"),
 ("Sénat","ORG","FRA",None,"Sénat (France)"),
],
refers=[
 ("l'entreprise@l'entreprise PSA","PSA Peugeot Citroën"),
 ("L'entreprise@L'entreprise prévoie","PSA Peugeot Citroën"),
 ("Le président du directoire de PSA","Philippe Varin"),
 ("le premier ministre","Jean-Marc Ayrault"),
 ("le ministre du redressement productif","Arnaud Montebourg"),
 ("l’État","France"),
])

A["44672"] = dict(  # Gilles Jacquier
named=[
 ("Le Figaro","ORG","FRA",None,"Le Figaro"),
 ("France 2","ORG","FRA",None,"France 2"),
 ("Gilles Jacquier#*","PER","FRA",None,"Gilles Jacquier"),
 ("Homs#*","LOC","SYR",HOMS,"Homs"),
 ("ministère de la Défense","ORG","FRA",None,"Ministère de la Défense (France)"),
 ("Paris","LOC","FRA",PARIS,"Paris"),
 ("DCRI","ORG","FRA",None,"Direction centrale du renseignement intérieur"),
 ("DGSE","ORG","FRA",None,"Direction générale de la sécurité extérieure"),
 ("France@ambassade de France","LOC","FRA",C_FRA,"France"),
 ("Damas","LOC","SYR",DAMASCUS,"Damas"),
 ("Ligue arabe#*","ORG",None,None,"Ligue arabe"),
 ("Mission de la Ligue arabe","ORG",None,None,"Mission d'observation de la Ligue arabe en Syrie"),
 ("ministères des Affaires étrangères","ORG","FRA",None,"Ministère des Affaires étrangères (France)"),
],
refers=[
 ("Le quotidien français","Le Figaro"),
 ("le journaliste de France 2","Gilles Jacquier"),
 ("le grand reporter","Gilles Jacquier"),
 ("Jacquier@que Jacquier","Gilles Jacquier"),
 ("le quotidien@indique le quotidien","Le Figaro"),
 ("le journaliste français","Gilles Jacquier"),
])

A["44975"] = dict(  # Baléares : Antoni Pastor
named=[
 ("Espagne","LOC","ESP",C_ESP,"Espagne"),
 ("Parti populaire","ORG","ESP",None,"Parti populaire (Espagne)"),
 ("Antoni Pastor#*","PER","ESP",None,"Antoni Pastor"),
 ("Manacor","LOC","ESP",MANACOR,"Manacor"),
 ("José Ramón Bauzà","PER","ESP",None,"José Ramón Bauzá"),
 ("PP#*","ORG","ESP",None,"Parti populaire (Espagne)"),
 ("France","LOC","FRA",C_FRA,"France"),
 ("Nicolas Sarkozy","PER","FRA",None,"Nicolas Sarkozy"),
],
refers=[
 ("député-maire de Manacor","Antoni Pastor"),
 ("Son parti","Parti populaire"),
])

A["44999"] = dict(  # Montebourg : nucléaire
named=[
 ("Europe Écologie Les Verts","ORG","FRA",None,"Europe Écologie Les Verts"),
 ("Arnaud Montebourg","PER","FRA",None,"Arnaud Montebourg"),
 ("AFP","ORG","FRA",None,"Agence France-Presse"),
 ("Jean-Philippe Magnen","PER","FRA",None,"Jean-Philippe Magnen"),
 ("François Hollande","PER","FRA",None,"François Hollande"),
 ("PS","ORG","FRA",None,"Parti socialiste (France)"),
 ("EELV","ORG","FRA",None,"Europe Écologie Les Verts"),
 ("Manuel Valls","PER","FRA",None,"Manuel Valls"),
 ("Europe 1","ORG","FRA",None,"Europe 1"),
],
refers=[
 ("le parti écologiste","Europe Écologie Les Verts"),
 ("le porte-parole du parti","Jean-Philippe Magnen"),
 ("parti@porte-parole du parti","Europe Écologie Les Verts"),
 ("Le président","François Hollande"),
 ("les écologistes","EELV"),
 ("Le ministre de l'Intérieur","Manuel Valls"),
 ("A. Montebourg","Arnaud Montebourg"),
])

A["45070"] = dict(  # Obama raille Romney
named=[
 ("Ohio#*","LOC","USA",None,"Ohio"),
 ("Barack Obama","PER","USA",None,"Barack Obama"),
 ("Mitt Romney","PER","USA",None,"Mitt Romney"),
 ("Etats-Unis","LOC","USA",C_USA,"États-Unis"),
 ("Virginie","LOC","USA",None,"Virginie"),
 ("Charlotte","LOC","USA",CHARLOTTE,"Charlotte (Caroline du Nord)"),
 ("Caroline du Nord","LOC","USA",None,"Caroline du Nord"),
 ("Michelle Obama","PER","USA",None,"Michelle Obama"),
],
refers=[
 ("l'Etat qui pourrais faire basculer le scrutin en novembre","Ohio"),
 ("Romney@stratégie Romney","Mitt Romney"),
 ("Obama@pour Obama","Barack Obama"),
 ("le Président-candidat","Barack Obama"),
 ("B. Obama","Barack Obama"),
 ("Romney@défaite de Romney","Mitt Romney"),
 ("cet Etat","Ohio"),
 ("Obama@où Obama","Barack Obama"),
])

A["45467"] = dict(  # Corse : Sollacaro
named=[
 ("Corse@préfet de Corse","LOC","FRA",None,"Corse"),
 ("Claude Érignac","PER","FRA",None,"Claude Érignac"),
 ("Ajaccio","LOC","FRA",AJACCIO,"Ajaccio"),
 ("Antoine Sollacaro#*","PER","FRA",None,"Antoine Sollacaro"),
 ("Corse-du-Sud","LOC","FRA",None,"Corse-du-Sud"),
 ("îles Sanguinaires","LOC","FRA",None,"Îles Sanguinaires"),
 ("BFM TV","ORG","FRA",None,"BFM TV"),
 ("Yvan Colonna#*","PER","FRA",None,"Yvan Colonna"),
 ("Cour d'assises","ORG","FRA",None,"Cour d'assises spéciale de Paris"),
 ("Bernard Bonnet","PER","FRA",None,"Bernard Bonnet"),
 ("Claude Erignac","PER","FRA",None,"Claude Érignac"),
 ("Gilles Simeoni","PER","FRA",None,"Gilles Simeoni"),
 ("Figaro","ORG","FRA",None,"Le Figaro"),
],
refers=[
 ("préfet de Corse","Claude Érignac"),
 ("l'assassin du préfet de Corse","Yvan Colonna"),
 ("L’ancien bâtonnier","Antoine Sollacaro"),
 ("la chaine","BFM TV"),
 ("l'avocat@feu sur l'avocat","Antoine Sollacaro"),
 ("la Cour@pas la Cour","Cour d'assises"),
 ("le successeur de Claude Erignac","Bernard Bonnet"),
 ("Autre avocat d'Yvan Colonna","Gilles Simeoni"),
 ("Sollacaro@avec Sollacaro","Antoine Sollacaro"),
])

A["45527"] = dict(  # France 24 : Sonia Dridi
named=[
 ("France 24#*","ORG","FRA",None,"France 24"),
 ("Egypte","LOC","EGY",C_EGY,"Égypte"),
 ("Sonia Dridi#*","PER","FRA",None,"Sonia Dridi"),
 ("place Tahrir#*","LOC","EGY",CAIRO,"Place Tahrir (Le Caire)"),
 ("Caire#*","LOC","EGY",CAIRO,"Le Caire"),
 ("Ashraf Khalil","PER","EGY",None,"Ashraf Khalil"),
 ("France@extérieur de la France","LOC","FRA",C_FRA,"France"),
 ("France@ambassade de France","LOC","FRA",C_FRA,"France"),
 ("France@rapatriement en France","LOC","FRA",C_FRA,"France"),
],
refers=[
 ("La correspondante de la chaîne de télévision France 24 en Egypte","Sonia Dridi"),
 ("la chaîne de télévision","France 24"),
 ("la chaîne d'information en continu internationale","France 24"),
 ("son collègue","Ashraf Khalil"),
 ("correspondant égyptien pour la chaîne en langue anglaise de France 24","Ashraf Khalil"),
 ("la chaîne de l'audiovisuel extérieur de la France","France 24"),
 ("La chaîne","France 24"),
 ("sa correspondante","Sonia Dridi"),
 ("la capitale","Caire"),
])

A["45643"] = dict(  # Obama et Romney : chômage
named=[
 ("Barack Obama","PER","USA",None,"Barack Obama"),
 ("Mitt Romney#*","PER","USA",None,"Mitt Romney"),
 ("Ohio#*","LOC","USA",None,"Ohio"),
 ("Hilliard","LOC","USA",HILLIARD,"Hilliard (Ohio)"),
 ("Columbus","LOC","USA",COLUMBUS,"Columbus (Ohio)"),
 ("Wisconsin","LOC","USA",None,"Wisconsin"),
 ("Maison Blanche","LOC","USA",WASHINGTON,"Maison-Blanche (Washington)"),
 ("RealClearPolitics","ORG","USA",None,"RealClearPolitics"),
 ("Des Moines","LOC","USA",DESMOINES,"Des Moines (Iowa)"),
 ("Iowa","LOC","USA",None,"Iowa"),
 ("Hillary Clinton","PER","USA",None,"Hillary Clinton"),
 ("Bruce Springsteen","PER","USA",None,"Bruce Springsteen"),
],
refers=[
 ("Etat-clé qui pourrait décider de l'élection présidentielle américaine","Ohio"),
 ("Obama@le président Obama à Hilliard","Barack Obama"),
 ("la capitale de l'Ohio","Columbus"),
 ("Obama@Le président Obama a promis","Barack Obama"),
 ("Le président@Le président a prévu","Barack Obama"),
 ("l'Etat-clé par excellence","Ohio"),
 ("Romney@M. Romney","Mitt Romney"),
 ("B. Obama#1","Barack Obama"),
 ("B. Obama#2","Barack Obama"),
 ("dirigeant démocrate sortant","Barack Obama"),
 ("Obama@du président Obama","Barack Obama"),
 ("le républicain","Mitt Romney"),
 ("démocrate@cher au démocrate","Barack Obama"),
 ("B. Obama#3","Barack Obama"),
 ("B. Obama#4","Barack Obama"),
 ("le chanteur","Bruce Springsteen"),
])
